/**
 * The address of the client, from the Lambda event or the local socket; never from a header unless trusted,
 * and never a string that is not an IP address: what ends up in a key is an address, or 'unknown'.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ClientIpConfig } from '../../policy/gating-config.js';
import { DEFAULT_IPV6_PREFIX_LENGTH } from '../../policy/gating-defaults.js';
import { addressFromHeader, ipNetwork, validIp } from '../../policy/ip-ranges.js';

declare module 'hono' {
  interface ContextVariableMap {
    clientIp: string;
    clientNetwork: string;
  }
}

/** When no address can be had: every such client shares one allowance. */
export const UNKNOWN_IP = 'unknown';

/** The client's own address (for deny ranges, the captcha provider): an IP address, or 'unknown'. */
export function clientIp(c: Context): string {
  return c.get('clientIp') ?? directIp(c);
}

/** What per-IP limits and passes count the client by: its IPv4 address, or its IPv6 network (a /64 by default). */
export function clientNetwork(c: Context): string {
  return c.get('clientNetwork') ?? ipNetwork(clientIp(c), DEFAULT_IPV6_PREFIX_LENGTH);
}

function directIp(c: Context): string {
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event;
  const fromLambda = lambda?.requestContext?.http?.sourceIp;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const raw = fromLambda ?? incoming?.socket?.remoteAddress;
  return (raw !== undefined ? validIp(raw) : undefined) ?? UNKNOWN_IP;
}

/**
 * Resolves the client IP once per request. With a trusted proxy header, the client is the entry that
 * the outermost of our own proxies appended: `trustedProxies` from the right; anything left of it is
 * what the client wrote itself and is ignored. An entry that is not an address (a port is stripped
 * first) is not believed: the address the request came from is used, as when the header is missing.
 */
export function clientIpSource(config: ClientIpConfig | undefined): MiddlewareHandler {
  const header = config?.trustedProxyHeader;
  const portAlways = config?.headerCarriesPort ?? header === 'cloudfront-viewer-address';
  const prefixLength = config?.ipv6PrefixLength ?? DEFAULT_IPV6_PREFIX_LENGTH;
  return async function resolveClientIp(c, next) {
    let ip: string | undefined;
    const value = header ? c.req.header(header) : undefined;
    if (value && config) {
      const hops = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const chosen = hops[hops.length - config.trustedProxies];
      if (chosen) ip = addressFromHeader(chosen, portAlways);
    }
    ip ??= directIp(c);
    c.set('clientIp', ip);
    c.set('clientNetwork', ipNetwork(ip, prefixLength));
    await next();
  };
}
