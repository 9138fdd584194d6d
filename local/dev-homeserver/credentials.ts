// Owns the secrets the dev homeserver mints or keeps: password hashes, tokens, device ids and nonces.
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

// A dev stand-in: a low scrypt cost keeps tests fast while never storing a plain password.
const SCRYPT_COST = 1024;
const SCRYPT_KEY_BYTES = 32;
const SALT_BYTES = 16;
const DEVICE_ID_LENGTH = 10;
const TOKEN_RANDOM_LENGTH = 20;
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = `${UPPERCASE}abcdefghijklmnopqrstuvwxyz0123456789`;

export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password, salt, SCRYPT_KEY_BYTES, { N: SCRYPT_COST });
  return `scrypt$${SCRYPT_COST}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}

/** Constant-time equality of two strings of any length (both are hashed to a fixed size first). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newDeviceId = () => randomString(UPPERCASE, DEVICE_ID_LENGTH);

/** Synapse-like `syt_<localpart>_<random>_<check>` access tokens; `syr_` for refresh tokens. */
function newToken(prefix: 'syt' | 'syr', localpart: string): string {
  const owner = Buffer.from(localpart, 'utf8').toString('base64url');
  return `${prefix}_${owner}_${randomString(ALPHANUMERIC, TOKEN_RANDOM_LENGTH)}_${randomString(ALPHANUMERIC, 6)}`;
}

export const newAccessToken = (localpart: string) => newToken('syt', localpart);
export const newRefreshToken = (localpart: string) => newToken('syr', localpart);
export const newNonce = () => randomBytes(64).toString('hex');
