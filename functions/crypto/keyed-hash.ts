/**
 * Keyed hashes (HMAC-SHA256 under a key derived from the tenant key) for the secrets the store only
 * needs to recognise: client secrets, email tokens, SMS codes. A stolen table dump cannot be brute-forced
 * offline, even for a 6-digit code, without the key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface KeyedHash {
  hash(purpose: string, value: string): string;
  /** Compares a value against a stored hash in constant time. */
  matches(purpose: string, value: string, stored: string): boolean;
}

export function keyedHash(tenantKey: Buffer): KeyedHash {
  const key = Buffer.from(hkdfSync('sha256', tenantKey, Buffer.alloc(0), 'front-door keyed hash v1', 32));
  const hash = (purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\0${value}`, 'utf8').digest('base64url');
  return {
    hash,
    matches(purpose, value, stored) {
      const a = Buffer.from(hash(purpose, value));
      const b = Buffer.from(stored);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
