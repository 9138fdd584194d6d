/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` headers, the signature being `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. One
 * module for every outgoing call the front door signs (sign-up events, the decision hook).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * The signing key from a tenant secret: `whsec_<base64>` as Standard Webhooks libraries generate (the
 * bytes after the prefix), or any other string, taken as its UTF-8 bytes.
 */
export function webhookKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX) ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8');
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The headers for one call. `timestampSeconds`: Unix seconds. The body must be sent byte for byte as signed. */
export function signWebhook(key: Buffer, id: string, timestampSeconds: number, body: string): SignedHeaders {
  const timestamp = String(Math.floor(timestampSeconds));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature(key, id, timestamp, body)}` };
}

/**
 * Checks a signed call as a receiver would (used by the local receiver and tests): one of the
 * space-separated `v1,` signatures matches, in constant time, and the timestamp is within `toleranceSeconds`.
 */
export function verifyWebhook(
  key: Buffer,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const { id, timestamp, signature: header } = headers;
  if (!id || !timestamp || !header || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(key, id, timestamp, body));
  return header.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    const given = Buffer.from(value ?? '');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const signature = (key: Buffer, id: string, timestamp: string, body: string) =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
