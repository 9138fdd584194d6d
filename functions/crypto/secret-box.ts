/**
 * AES-256-GCM sealing of the few secrets the store must hold for a while, bound to their context. After a
 * key rotation (crypto/key-ring.ts) it seals under the newest key and opens under any listed key: GCM's
 * tag fails under a wrong key, so each is tried in turn (newest first; a ring holds two or three keys).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../ports/index.js';
import { keysOf } from './key-ring.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function aesGcmSecretBox(key: Buffer): SecretBox {
  const keys = keysOf(key);
  if (keys.some((k) => k.length !== 32)) throw new Error('the encryption key must be 32 bytes');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The context (e.g. the session id) is authenticated, so a sealed value cannot be moved elsewhere.
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, iv, body] = sealed.split('.');
      if (version !== VERSION || !iv || !body) throw new Error('not a sealed value');
      const bytes = Buffer.from(body, 'base64url');
      let failure: unknown;
      for (const candidate of keys) {
        try {
          return openUnder(candidate, Buffer.from(iv, 'base64url'), bytes, context);
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
}

function openUnder(key: Buffer, iv: Buffer, bytes: Buffer, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
