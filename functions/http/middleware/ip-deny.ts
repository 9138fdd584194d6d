/** Refuses clients whose IP is in one of the tenant's denied ranges, before any registration endpoint runs. */
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../../matrix/errors.js';
import { clientIp } from './client-ip.js';
import { ipDenyList } from '../../policy/ip-ranges.js';

export function denyIpRanges(cidrs: string[]): MiddlewareHandler {
  const isDenied = ipDenyList(cidrs);
  return async function ipDeny(c, next) {
    if (c.req.method !== 'OPTIONS' && isDenied(clientIp(c))) throw forbidden('Registration is not available from your network');
    await next();
  };
}
