/**
 * Reads each request body to its end before any route runs, so no answer is ever sent over a half-read
 * body. On Node (@hono/node-server) a body stream that was opened but not read to its end keeps the socket
 * paused; the adapter gives up draining it after 500 ms and destroys a keep-alive socket the client may
 * already be reusing, and the client's next request gets no answer at all. In Lambda the body is already
 * in memory, so reading it first costs nothing.
 */
import type { MiddlewareHandler } from 'hono';
import { tooLarge } from '../../matrix/errors.js';

export interface BodyLimits {
  /** The largest body a route may see. */
  maxBytes: number;
  /** A chunked body over the limit is read and thrown away up to this size, so the connection stays usable. */
  discardBytes: number;
}

export function readBodyFirst({ maxBytes, discardBytes }: BodyLimits): MiddlewareHandler {
  if (!(maxBytes > 0 && discardBytes >= maxBytes)) throw new Error('readBodyFirst: need 0 < maxBytes <= discardBytes');
  return async function readBodyFirst(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // Refused on its declared length without opening the stream: Node then discards the body itself and
    // keeps the connection, but gives up after 500 ms, so a body too large to wait for closes it openly.
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > maxBytes) {
      throw Number(declared) > discardBytes ? tooLarge({ Connection: 'close' }) : tooLarge();
    }
    const body = c.req.raw.body;
    if (!body) return next();

    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > discardBytes) {
        // Too much to throw away: say the connection ends here, so the client does not reuse it.
        await reader.cancel().catch(() => undefined);
        throw tooLarge({ Connection: 'close' });
      }
      if (size <= maxBytes) chunks.push(value);
    }
    reader.releaseLock();
    if (size > maxBytes) throw tooLarge();
    c.req.raw = new Request(c.req.raw, { body: concat(chunks, size) });
    return next();
  };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
