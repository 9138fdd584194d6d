/**
 * Ties registration-token uses to account creation: the session's reserved use becomes a completed one
 * just before the account is made (refused if the reservation was given back), is given back if the
 * creation is refused, and the account record keeps the token and its label.
 */
import { LoginType } from '../matrix/login-types.js';
import { unauthorized } from '../matrix/errors.js';
import type { Clock, CreationHook } from '../ports/index.js';
import type { RegistrationSession } from '../model/session.js';
import type { RegistrationTokens } from './registration-tokens.js';

const usedToken = (session: RegistrationSession) => session.stages[LoginType.RegistrationToken];

export function tokenCreationHook(tokens: RegistrationTokens, clock: Clock): CreationHook {
  return {
    async beforeCreate(session) {
      if (!usedToken(session)) return;
      const outcome = await tokens.complete(session.id);
      // An approved request's use was completed when it was queued; its reservation item may have expired since.
      if (outcome === 'none' && session.requestId) return;
      if (outcome === 'lost' || outcome === 'none') {
        throw unauthorized('The registration token of this session is no longer reserved for it; start again');
      }
    },
    async refused(session) {
      if (usedToken(session)) await tokens.giveBack(session.id);
    },
    async created(session, userId) {
      const record = usedToken(session);
      if (!record) return;
      const { tokenId, label } = record;
      await tokens.recordAccount(userId, { tokenId, label, registeredAt: clock.now(), sessionId: session.id });
    },
  };
}
