/**
 * "This request goes to the homeserver": a route handler that forwards the request through the
 * HomeserverClientProxy port and answers with the homeserver's status, headers and body as they came.
 */
import type { Context, Handler } from 'hono';
import { rethrowForClient } from '../../matrix/port-failures.js';
import type { HomeserverClientProxy, ProxiedRequest, ProxiedResponse } from '../../ports/index.js';
import { clientIp, UNKNOWN_IP } from '../middleware/client-ip.js';

/** The request as the homeserver should see it; `body` replaces the client's (a route that already read it). */
export async function proxiedRequestOf(c: Context, body?: Uint8Array): Promise<ProxiedRequest> {
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of c.req.raw.headers) headers[name.toLowerCase()] = value;
  // The client as the front door resolved it (behind CloudFront, from the trusted header only): never what
  // the client itself wrote in X-Forwarded-For.
  delete headers['x-forwarded-for'];
  const ip = clientIp(c);
  if (ip !== UNKNOWN_IP) headers['x-forwarded-for'] = ip;
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  return {
    method: c.req.method,
    // The path as it came, still percent-encoded, so the homeserver decodes it once, as it would directly.
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    headers,
    ...(hasBody ? { body: body ?? new Uint8Array(await c.req.arrayBuffer()) } : {}),
  };
}

/** The homeserver's answer as the client's answer. */
export function responseOf(answer: ProxiedResponse): Response {
  const headers = new Headers();
  for (const [name, value] of answer.headers) headers.append(name, value);
  const empty = answer.status === 204 || answer.status === 304;
  return new Response(empty ? null : answer.body, { status: answer.status, headers });
}

/** Forwards a request and returns the homeserver's answer; no answer at all is a Matrix 502 or 504. */
export async function forwardToHomeserver(proxy: HomeserverClientProxy, c: Context, body?: Uint8Array): Promise<Response> {
  const answer = await proxy.forward(await proxiedRequestOf(c, body)).catch(rethrowForClient);
  return responseOf(answer);
}

/** A handler for a route that belongs entirely to the homeserver. */
export function passThrough(proxy: HomeserverClientProxy): Handler {
  return function passToHomeserver(c) {
    return forwardToHomeserver(proxy, c);
  };
}
