// Owns the `m.login.password` UIA stage of the logged-in client endpoints (`/delete_devices`,
// `/account/password`), answered as Synapse 1.67 does: the named user's password is checked first (unknown or
// wrong: 401 M_FORBIDDEN with the flows), and only a correct password of someone else is 403 "Invalid auth".
import { randomBytes } from 'node:crypto';
import { verifyPassword } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, badRequest, forbidden } from './errors.js';
import { type JsonObject, type Reply, isJsonObject, ok } from './http-kit.js';
import { userIdOf } from './user-ids.js';
import type { UserRecord } from './user-store.js';

const PASSWORD_LOGIN = 'm.login.password';
const FLOWS = { flows: [{ stages: [PASSWORD_LOGIN] }], params: {} };

/**
 * Undefined when `auth` proves the caller's own password; otherwise the reply that ends the request: the
 * first 401 (flows, no errcode) when no password stage is offered. Throws the errors Synapse answers with.
 */
export function passwordStage(core: HomeserverCore, caller: UserRecord, auth: unknown): Reply | undefined {
  const session = isJsonObject(auth) && typeof auth.session === 'string' ? auth.session : randomBytes(12).toString('base64url');
  if (!isJsonObject(auth) || auth.type !== PASSWORD_LOGIN) return ok({ session, ...FLOWS }, 401);
  const named = namedUser(auth);
  if (named === undefined) throw badRequest('Invalid login submission', ErrCode.InvalidParam);
  const user = core.users.find(named.startsWith('@') ? named : userIdOf(named, core.settings.serverName));
  const password = auth.password;
  if (!user || typeof password !== 'string' || user.password_hash === null || !verifyPassword(password, user.password_hash)) {
    throw new SynapseErrorReply(401, ErrCode.Forbidden, 'Invalid username or password', { session, ...FLOWS, completed: [] });
  }
  // Synapse checks whose password it was only after checking the password itself.
  if (user.name !== caller.name) throw forbidden('Invalid auth');
  return undefined;
}

/** `identifier.user` (m.id.user), or the older top-level `user`. */
function namedUser(auth: JsonObject): string | undefined {
  const identifier = isJsonObject(auth.identifier) ? auth.identifier : undefined;
  const named = identifier ? (identifier.type === 'm.id.user' ? identifier.user : undefined) : auth.user;
  return typeof named === 'string' ? named : undefined;
}
