/**
 * Reads each request body to its end before any route runs, so no answer is ever sent over a half-read
 * body. On Node (@hono/node-server) a body stream that was opened but not read to its end keeps the socket
 * paused; the adapter gives up draining it after 500 ms and destroys a keep-alive socket the client may
 * already be reusing, and the client's next request gets no answer at all. In Lambda the body is already
 * in memory, in the API Gateway event: it is taken from there, never read through the Request's stream.
 */
import type { Context, MiddlewareHandler } from 'hono';
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
    const inEvent = eventBody(c);
    if (inEvent !== undefined) {
      if (inEvent.bytes.byteLength > maxBytes) throw tooLarge();
      keepBody(c, inEvent.bytes, inEvent.text);
      return next();
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
    keepBody(c, concat(chunks, size));
    return next();
  };
}

/** The event the Lambda entries hand each request as `c.env.event` (entries/http-api-events.ts). */
interface GatewayEvent {
  body?: string | null;
  isBase64Encoded?: boolean;
}

/**
 * The body as API Gateway delivered it, when the request came through a Lambda entry; undefined otherwise.
 * The Request the adapter built from it holds the same bytes; reading them through its stream, and building a
 * second Request to keep them, is work (web streams' first use at a cold start among it) for nothing.
 */
function eventBody(c: Context): { bytes: Uint8Array; text?: string } | undefined {
  const event = (c.env as { event?: GatewayEvent } | undefined)?.event;
  if (!event || typeof event !== 'object' || !('body' in event || 'isBase64Encoded' in event)) return undefined;
  if (!event.body) return { bytes: new Uint8Array(0), text: '' };
  if (event.isBase64Encoded) return { bytes: Buffer.from(event.body, 'base64') };
  // A text body is kept as the event gives it: not decoded again from its bytes.
  return { bytes: Buffer.from(event.body, 'utf8'), text: event.body };
}

/**
 * What c.req.json(), text(), arrayBuffer() and parseBody() read from then: the Request's own stream is not read
 * again, nor a second Request built to hold the bytes.
 */
function keepBody(c: Context, bytes: Uint8Array, text = new TextDecoder().decode(bytes)): void {
  // Hono keeps each form of a body it has read as a promise of it (its typings say the value).
  const kept = c.req.bodyCache as Record<string, Promise<unknown>>;
  // First: a form's parse (parseBody) makes the form from the first kept one, and the bytes are exact.
  kept.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  kept.text = Promise.resolve(text);
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
