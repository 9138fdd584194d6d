/**
 * Keyed hashes (HMAC-SHA256 under a key derived from the tenant key) for the secrets the store only
 * needs to recognise: client secrets, email tokens, SMS codes. A stolen table dump cannot be brute-forced
 * offline, even for a 6-digit code, without the key. After a key rotation (crypto/key-ring.ts) new hashes
 * use the newest key, and a value is still recognised under any listed key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { keysOf } from './key-ring.js';

export interface KeyedHash {
  /** Under the newest key. */
  hash(purpose: string, value: string): string;
  /** Under every listed key, newest first: what a lookup by hash tries, one key version after another. */
  hashes(purpose: string, value: string): string[];
  /** Compares a value against a stored hash in constant time, under every listed key. */
  matches(purpose: string, value: string, stored: string): boolean;
}

type Hmac = (purpose: string, value: string) => string;

function hmacUnder(tenantKey: Buffer): Hmac {
  const key = Buffer.from(hkdfSync('sha256', tenantKey, Buffer.alloc(0), 'front-door keyed hash v1', 32));
  return (purpose, value) => createHmac('sha256', key).update(`${purpose}\0${value}`, 'utf8').digest('base64url');
}

export function keyedHash(tenantKey: Buffer): KeyedHash {
  const hmacs = keysOf(tenantKey).map(hmacUnder);
  const newest = hmacs[0]!;
  return {
    hash: newest,
    hashes: (purpose, value) => hmacs.map((hmac) => hmac(purpose, value)),
    matches(purpose, value, stored) {
      const b = Buffer.from(stored);
      // Every key is tried, so the time taken does not tell which one matched.
      let found = false;
      for (const hmac of hmacs) {
        const a = Buffer.from(hmac(purpose, value));
        if (a.length === b.length && timingSafeEqual(a, b)) found = true;
      }
      return found;
    },
  };
}
