/**
 * `m.login.registration_token`: reserves one use of the token for the session. Sent again in the same
 * session, the same token passes while the token still holds the reservation (not deleted, not expired),
 * and a different one is refused. The token's privileges ride along. Only the session's first pass opens
 * the send gate: sending the stage again pays for nothing more.
 */
import { ErrCode } from '../../matrix/errcodes.js';
import { LoginType } from '../../matrix/login-types.js';
import { wired, type GatingStageDeps } from './gating-stage-deps.js';
import { TOKEN_GRAMMAR } from '../../matrix/registration-token.js';
import { fail, pass, type Stage } from './stage.js';

export function registrationTokenStage(deps: GatingStageDeps): Stage<typeof LoginType.RegistrationToken> {
  return {
    type: LoginType.RegistrationToken,
    checksAgain: true,
    params: () => undefined,
    async check({ auth, session, clientIp, now }) {
      const token = auth.token;
      if (typeof token !== 'string' || token === '') return fail(ErrCode.MissingParam, 'Missing registration token');
      if (!TOKEN_GRAMMAR.test(token)) return fail(ErrCode.Unauthorized, 'Invalid registration token');
      const result = await wired(deps.tokens, 'registration tokens').reserve(token, session.id, session.expiresAt, now);
      if (!result.ok) {
        return fail(
          ErrCode.Unauthorized,
          result.reason === 'other-token' ? 'This session already used a different registration token' : 'Invalid registration token',
        );
      }
      // The gate also refuses a second grant to the same session (two first passes can race).
      if (!session.stages[LoginType.RegistrationToken]) await deps.gate?.grant(session, clientIp, now, result.tokenId);
      const { skipStages, label } = result.privileges;
      return pass({
        tokenId: result.tokenId,
        ...(skipStages?.length ? { grants: skipStages } : {}),
        ...(label !== undefined ? { label } : {}),
      });
    },
  };
}
