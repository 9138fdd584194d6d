/** `m.login.dummy`: passes at once; it lets a flow be completed with nothing else to do. */
import { LoginType } from '../../matrix/login-types.js';
import { pass, type Stage } from './stage.js';

export function dummyStage(): Stage<typeof LoginType.Dummy> {
  return {
    type: LoginType.Dummy,
    params: () => undefined,
    check: async () => pass({}),
  };
}
