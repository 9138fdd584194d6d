/** `m.login.msisdn`: passes once the phone validation session named in `threepid_creds` is confirmed. */
import { LoginType } from '../../matrix/login-types.js';
import { Medium } from '../../model/medium.js';
import type { Stage } from './stage.js';
import { checkThreepidCreds, readValidationSession, type ThreepidStageDeps } from './threepid-creds.js';

export function msisdnStage(deps: ThreepidStageDeps): Stage<typeof LoginType.Msisdn> {
  return {
    type: LoginType.Msisdn,
    params: () => undefined,
    prepare: (auth, now) => readValidationSession(auth, now, deps),
    check: (input) => checkThreepidCreds(Medium.Msisdn, input, deps),
  };
}
