/** Builds the tenant's FlowSet, refusing at start-up a config whose flows cannot work. */
import { ConfigError, type TenantConfig } from '../config.js';
import { FlowSet, flowProblems } from './flows.js';
import { buildStages, type StageDeps } from './stages/registry.js';

export function flowSetFromConfig(config: TenantConfig, deps: StageDeps): FlowSet {
  const { stages, problems } = buildStages(config, deps);
  problems.push(...flowProblems(config.registration.flows));
  if (problems.length > 0) throw new ConfigError(problems);
  return new FlowSet(config.registration.flows, stages);
}
