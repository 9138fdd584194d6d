/** The homeserver pass-through over HTTP: the client's request to the homeserver's URL, its answer back as it is. */
import { HomeserverProxyError, type HomeserverClientProxy, type ProxiedRequest } from '../../ports/index.js';

/** What the homeserver reads of a client request; cookies, hop-by-hop and CDN headers stay with the front door. */
export const FORWARDED_HEADERS = ['authorization', 'content-type', 'accept-language', 'user-agent', 'x-forwarded-for'] as const;

/**
 * Not passed back: hop-by-hop headers, those that described the body as it travelled (fetch has already
 * decoded it, and the runtime sets the length of what is sent on), and CORS, which is the front door's
 * own policy (http/middleware/cors.ts) for every answer it gives.
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'upgrade',
  'proxy-authenticate',
  'trailer',
  'te',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
]);

/** The global `fetch` is looked up when first called: reading it loads undici, which a cold start need not pay for. */
export function homeserverClientProxy(
  baseUrl: string,
  timeoutMs: number,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): HomeserverClientProxy {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async forward(request: ProxiedRequest) {
      const url = `${base}${request.path}${request.query ? `?${request.query}` : ''}`;
      const headers: Record<string, string> = {};
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers[name];
        if (value !== undefined) headers[name] = value;
      }
      try {
        const response = await fetchImpl(url, {
          method: request.method,
          headers,
          body: request.body && request.body.byteLength > 0 ? request.body : undefined,
          // A redirect is the homeserver's answer to the client, not something to follow here.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = new Uint8Array(await response.arrayBuffer());
        const kept = [...response.headers].filter(([name]) => !DROPPED_RESPONSE_HEADERS.has(name.toLowerCase()));
        return { status: response.status, headers: kept, body };
      } catch (error) {
        // Names the method and path only: the request may carry an access token or a password.
        const name = (error as Error).name;
        const kind = name === 'TimeoutError' ? 'timeout' : 'unreachable';
        throw new HomeserverProxyError(kind, `${request.method} ${request.path}: ${name}`);
      }
    },
  };
}
