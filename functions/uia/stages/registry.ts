/** Which stage file serves which login type, and what each needs from the tenant config. */
import type { TenantConfig } from '../../config/tenant-config.js';
import { LoginType } from '../../matrix/login-types.js';
import { dummyStage } from './dummy.js';
import { emailIdentityStage } from './email-identity.js';
import { msisdnStage } from './msisdn.js';
import type { ThreepidStageDeps } from './threepid-creds.js';
import type { Stage } from './stage.js';
import { termsStage } from './terms.js';
import type { GatingStageDeps } from './gating-stage-deps.js';
import { recaptchaStage } from './recaptcha.js';
import { registrationTokenStage } from './registration-token.js';

/** The ports a stage may use. */
export type StageDeps = ThreepidStageDeps & GatingStageDeps;

type StageFactory = (config: TenantConfig, deps: StageDeps) => Stage | { problem: string };

const factories: Partial<Record<LoginType, StageFactory>> = {
  [LoginType.Dummy]: () => dummyStage(),
  [LoginType.Terms]: (config) =>
    config.terms ? termsStage(config.terms) : { problem: `${LoginType.Terms} is in a flow but "terms.policies" is not configured` },
  [LoginType.EmailIdentity]: (config, deps) =>
    config.threepid?.email
      ? emailIdentityStage(deps)
      : { problem: `${LoginType.EmailIdentity} is in a flow but "threepid.email" is not configured` },
  [LoginType.Msisdn]: (config, deps) =>
    config.threepid?.msisdn ? msisdnStage(deps) : { problem: `${LoginType.Msisdn} is in a flow but "threepid.msisdn" is not configured` },
  [LoginType.Recaptcha]: (config, deps) =>
    config.captcha
      ? recaptchaStage(config.captcha, deps)
      : { problem: `${LoginType.Recaptcha} is in a flow but "captcha" is not configured` },
  [LoginType.RegistrationToken]: (_config, deps) => registrationTokenStage(deps),
};

/** Builds every stage the flows use; a stage that cannot be built is a problem reported at start-up. */
export function buildStages(config: TenantConfig, deps: StageDeps): { stages: Map<LoginType, Stage>; problems: string[] } {
  const stages = new Map<LoginType, Stage>();
  const problems: string[] = [];
  for (const type of new Set(config.registration.flows.flat())) {
    const factory = factories[type];
    const built = factory ? factory(config, deps) : { problem: `${type} is not supported by this front door yet` };
    if ('problem' in built) problems.push(`registration.flows: ${built.problem}`);
    else stages.set(type, built);
  }
  return { stages, problems };
}
