/** The user identifier grammar for new accounts (client-server spec, "User Identifiers"). */

const LOCALPART = /^[a-z0-9._=\-/+]+$/;
export const MAX_USER_ID_BYTES = 255;

export type LocalpartProblem =
  | { kind: 'empty' }
  | { kind: 'characters' }
  | { kind: 'too-long' }
  | { kind: 'all-digits' }
  | { kind: 'leading-underscore' };

/** New usernames are lowercased before any check, as Synapse does. */
export function normaliseLocalpart(username: string): string {
  return username.trim().toLowerCase();
}

export function userIdOf(localpart: string, serverName: string): string {
  return `@${localpart}:${serverName}`;
}

/** Why a (normalised) localpart cannot be registered on `serverName`, or undefined when it can. */
export function localpartProblem(localpart: string, serverName: string): LocalpartProblem | undefined {
  if (localpart.length === 0) return { kind: 'empty' };
  if (!LOCALPART.test(localpart)) return { kind: 'characters' };
  if (Buffer.byteLength(userIdOf(localpart, serverName), 'utf8') > MAX_USER_ID_BYTES) return { kind: 'too-long' };
  if (/^[0-9]+$/.test(localpart)) return { kind: 'all-digits' };
  if (localpart.startsWith('_')) return { kind: 'leading-underscore' };
  return undefined;
}

export function describeLocalpartProblem(problem: LocalpartProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'User ID cannot be empty';
    case 'characters':
      return "User ID can only contain characters a-z, 0-9, or '=_-./+'";
    case 'too-long':
      return `User ID may not be longer than ${MAX_USER_ID_BYTES} bytes`;
    case 'all-digits':
      return 'Numeric user IDs are reserved for guest users';
    case 'leading-underscore':
      return "User ID may not begin with '_'";
  }
}
