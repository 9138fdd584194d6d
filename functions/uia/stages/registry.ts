/**
 * Which stage file serves which login type, and the settings each needs: one table, as Synapse's
 * `INTERACTIVE_AUTH_CHECKERS`. The settings come in as values (compose/flows.ts takes them from the
 * tenant config); a stage whose settings are missing is a problem reported at start-up.
 */
import { LoginType } from '../../matrix/login-types.js';
import type { ThreepidConfig } from '../../threepid/threepid-config.js';
import type { CaptchaConfig } from './captcha-config.js';
import { dummyStage } from './dummy.js';
import { emailIdentityStage } from './email-identity.js';
import type { GatingStageDeps } from './gating-stage-deps.js';
import { msisdnStage } from './msisdn.js';
import { recaptchaStage } from './recaptcha.js';
import { registrationTokenStage } from './registration-token.js';
import type { Stage } from './stage.js';
import type { TermsConfig } from './terms-config.js';
import { termsStage } from './terms.js';
import type { ThreepidStageDeps } from './threepid-creds.js';

/** The ports a stage may use. */
export type StageDeps = ThreepidStageDeps & GatingStageDeps;

/** The config sections the stages read (each stage's schema lives beside it, or with the 3PID engine). */
export interface StageSettings {
  terms?: TermsConfig;
  captcha?: CaptchaConfig;
  threepid?: Pick<ThreepidConfig, 'email' | 'msisdn'>;
}

type StageFactory = (settings: StageSettings, deps: StageDeps) => Stage | { problem: string };

const factories: Partial<Record<LoginType, StageFactory>> = {
  [LoginType.Dummy]: () => dummyStage(),
  [LoginType.Terms]: (settings, deps) =>
    settings.terms
      ? termsStage(settings.terms, deps.hasher)
      : { problem: `${LoginType.Terms} is in a flow but "terms.policies" is not configured` },
  [LoginType.EmailIdentity]: (settings, deps) =>
    settings.threepid?.email
      ? emailIdentityStage(deps)
      : { problem: `${LoginType.EmailIdentity} is in a flow but "threepid.email" is not configured` },
  [LoginType.Msisdn]: (settings, deps) =>
    settings.threepid?.msisdn ? msisdnStage(deps) : { problem: `${LoginType.Msisdn} is in a flow but "threepid.msisdn" is not configured` },
  [LoginType.Recaptcha]: (settings, deps) =>
    settings.captcha
      ? recaptchaStage(settings.captcha, deps)
      : { problem: `${LoginType.Recaptcha} is in a flow but "captcha" is not configured` },
  [LoginType.RegistrationToken]: (_settings, deps) => registrationTokenStage(deps),
};

/** Builds every stage the flows use; a stage that cannot be built is a problem reported at start-up. */
export function buildStages(
  flows: LoginType[][],
  settings: StageSettings,
  deps: StageDeps,
): { stages: Map<LoginType, Stage>; problems: string[] } {
  const stages = new Map<LoginType, Stage>();
  const problems: string[] = [];
  for (const type of new Set(flows.flat())) {
    const factory = factories[type];
    const built = factory ? factory(settings, deps) : { problem: `${type} is not supported by this front door yet` };
    if ('problem' in built) problems.push(`registration.flows: ${built.problem}`);
    else stages.set(type, built);
  }
  return { stages, problems };
}
