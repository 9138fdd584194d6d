/** The random secrets of 3PID validation: link tokens, SMS codes, and session ids derived from the request. */
import { randomInt } from 'node:crypto';
import type { KeyedHash } from '../crypto/keyed-hash.js';
import type { Medium } from '../model/medium.js';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const EMAIL_TOKEN_LENGTH = 32;
export const SMS_CODE_DIGITS = 6;

export const Purpose = { ClientSecret: 'client_secret', Token: 'token', Sid: 'sid' } as const;

/** A link token: 32 characters from 62, about 190 bits. */
export function emailToken(): string {
  let token = '';
  for (let i = 0; i < EMAIL_TOKEN_LENGTH; i++) token += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  return token;
}

export function smsCode(): string {
  return String(randomInt(10 ** SMS_CODE_DIGITS)).padStart(SMS_CODE_DIGITS, '0');
}

/**
 * One validation session per (medium, address, client secret[, scope]): the sid is derived from them under the
 * tenant key, so asking again finds the same session without a lookup, and nobody can guess a sid.
 */
export function sidFor(hasher: KeyedHash, medium: Medium, address: string, clientSecret: string, scope?: string): string {
  // `scope` (a purpose and its user, for validations after sign-up) joins only when given: sign-up sids stay as they were.
  const scoped = scope === undefined ? '' : `\0${scope}`;
  return hasher.hash(Purpose.Sid, `${medium}\0${address}\0${clientSecret}${scoped}`).slice(0, 32);
}
