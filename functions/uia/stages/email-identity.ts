/** `m.login.email.identity`: passes once the email validation session named in `threepid_creds` is confirmed. */
import { LoginType } from '../../matrix/login-types.js';
import type { Stage } from './stage.js';
import { type ThreepidStageDeps, threepidStage } from './threepid-creds.js';

export const emailIdentityStage = (deps: ThreepidStageDeps): Stage<typeof LoginType.EmailIdentity> =>
  threepidStage(LoginType.EmailIdentity, deps);
