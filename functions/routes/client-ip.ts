/** The address of the client, from the Lambda event or the local socket; never from a header unless trusted. */
import type { Context, MiddlewareHandler } from 'hono';
import type { ClientIpConfig } from '../gating/gating-config.js';
import { plainIp } from '../gating/ip-ranges.js';

declare module 'hono' {
  interface ContextVariableMap {
    clientIp: string;
  }
}

export function clientIp(c: Context): string {
  const resolved = c.get('clientIp');
  if (resolved) return resolved;
  return directIp(c);
}

function directIp(c: Context): string {
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event;
  const fromLambda = lambda?.requestContext?.http?.sourceIp;
  if (fromLambda) return plainIp(fromLambda);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socket = incoming?.socket?.remoteAddress;
  return socket ? plainIp(socket) : 'unknown';
}

/**
 * Resolves the client IP once per request. With a trusted proxy header, the client is the entry that
 * the outermost of our own proxies appended: `trustedProxies` from the right; anything left of it is
 * what the client wrote itself and is ignored.
 */
export function clientIpSource(config: ClientIpConfig | undefined): MiddlewareHandler {
  return async function resolveClientIp(c, next) {
    let ip = directIp(c);
    const header = config?.trustedProxyHeader ? c.req.header(config.trustedProxyHeader) : undefined;
    if (header && config) {
      const hops = header.split(',').map((part) => part.trim()).filter(Boolean);
      const chosen = hops[hops.length - config.trustedProxies];
      if (chosen) ip = plainIp(chosen);
    }
    c.set('clientIp', ip);
    await next();
  };
}
