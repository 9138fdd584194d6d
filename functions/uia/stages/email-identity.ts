/** `m.login.email.identity`: passes once the email validation session named in `threepid_creds` is confirmed. */
import { LoginType } from '../../matrix/login-types.js';
import { Medium } from '../../model/medium.js';
import type { Stage } from './stage.js';
import { checkThreepidCreds, readValidationSession, type ThreepidStageDeps } from './threepid-creds.js';

export function emailIdentityStage(deps: ThreepidStageDeps): Stage<typeof LoginType.EmailIdentity> {
  return {
    type: LoginType.EmailIdentity,
    params: () => undefined,
    prepare: (auth, now) => readValidationSession(auth, now, deps),
    check: (input) => checkThreepidCreds(Medium.Email, input, deps),
  };
}
