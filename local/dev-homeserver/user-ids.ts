// Owns the user ID grammar the dev homeserver enforces, with Synapse's check order and texts.
import { ErrCode, SynapseErrorReply, USER_IN_USE, badRequest } from './errors.js';

const LOCALPART_CHARACTERS = /^[a-z0-9._=\-/]*$/;
const MAX_USER_ID_BYTES = 255;
// As Synapse 1.67 (the minimum this project supports) answers: it refuses '+', which the current spec allows.
const BAD_CHARACTERS = "User ID can only contain characters a-z, 0-9, or '=_-./'";

export interface UserIdParts {
  localpart: string;
  server: string;
}

/** Splits `@localpart:server`; anything else is a 400 as in Synapse's `UserID.from_string`. */
export function parseUserId(userId: string): UserIdParts {
  const colon = userId.indexOf(':');
  if (!userId.startsWith('@') || colon < 0) {
    throw badRequest(`Invalid user id: ${userId}`, ErrCode.InvalidParam);
  }
  return { localpart: userId.slice(1, colon), server: userId.slice(colon + 1) };
}

export const userIdOf = (localpart: string, serverName: string) => `@${localpart}:${serverName}`;

const invalidUsername = (message: string) => badRequest(message, ErrCode.InvalidUsername);

/** The grammar part of Synapse's `check_username` (before "taken"). */
export function assertLocalpartGrammar(localpart: string, serverName: string): void {
  if (!LOCALPART_CHARACTERS.test(localpart)) throw invalidUsername(BAD_CHARACTERS);
  if (localpart.length === 0) throw invalidUsername('User ID cannot be empty');
  if (localpart.startsWith('_')) throw invalidUsername('User ID may not begin with _');
  if (Buffer.byteLength(userIdOf(localpart, serverName), 'utf8') > MAX_USER_ID_BYTES) {
    throw invalidUsername(`User ID may not be longer than ${MAX_USER_ID_BYTES} characters`);
  }
}

/** Synapse's `check_username` for a new account: grammar, then taken, then numeric (guest) names. */
export function assertUsernameAvailable(localpart: string, serverName: string, isTaken: (userId: string) => boolean): void {
  assertLocalpartGrammar(localpart, serverName);
  if (isTaken(userIdOf(localpart, serverName))) {
    throw new SynapseErrorReply(400, ErrCode.UserInUse, USER_IN_USE);
  }
  if (/^[0-9]+$/.test(localpart)) throw invalidUsername('Numeric user IDs are reserved for guest users.');
}
