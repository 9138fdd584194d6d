/** `m.login.dummy`: passes at once; it lets a flow be completed with nothing else to do. */
import { LoginType } from '../../matrix/login-types.js';
import { pass, type SessionFreeStage } from './stage.js';

export function dummyStage(): SessionFreeStage<typeof LoginType.Dummy> {
  return {
    type: LoginType.Dummy,
    sessionFree: true,
    params: () => undefined,
    check: async () => pass({}),
  };
}
