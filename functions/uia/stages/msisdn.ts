/** `m.login.msisdn`: passes once the phone validation session named in `threepid_creds` is confirmed. */
import { LoginType } from '../../matrix/login-types.js';
import type { Stage } from './stage.js';
import { type ThreepidStageDeps, threepidStage } from './threepid-creds.js';

export const msisdnStage = (deps: ThreepidStageDeps): Stage<typeof LoginType.Msisdn> => threepidStage(LoginType.Msisdn, deps);
