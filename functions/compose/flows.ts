/** Builds the tenant's FlowSet, refusing at start-up a config whose flows cannot work. */
import { ConfigError } from '../model/config-error.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { FlowSet, flowProblems } from '../uia/flows.js';
import { gatingProblems } from '../policy/gate-problems.js';
import { buildStages, type StageDeps } from '../uia/stages/registry.js';

const unwired = () => {
  throw new Error('stages built only to validate a config cannot run');
};

/** Stands in for the ports when the config is only being checked (at synth, in tests). */
const VALIDATION_ONLY: StageDeps = {
  threepids: { begin: unwired, abandon: unwired, consumeAttempt: unwired, markValidated: unwired, get: unwired },
  hasher: { hash: unwired, hashes: unwired, matches: unwired },
};

/** Without `deps`, it only checks the config. */
export function flowSetFromConfig(config: TenantConfig, deps: StageDeps = VALIDATION_ONLY): FlowSet {
  const { terms, captcha, threepid } = config;
  const { stages, problems } = buildStages(config.registration.flows, { terms, captcha, threepid }, deps);
  problems.push(...flowProblems(config.registration.flows), ...gatingProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return new FlowSet(config.registration.flows, stages);
}
