/** Refuses clients whose IP is in one of the tenant's denied ranges, before any registration endpoint runs. */
import type { Context, MiddlewareHandler } from 'hono';
import { forbidden } from '../../matrix/errors.js';
import { clientIp } from './client-ip.js';
import { ipDenyList } from '../../policy/ip-ranges.js';

/** Answers a refused request itself (a page a person sees, say); by default a Matrix 403 is thrown. */
export type DeniedAnswer = (c: Context) => Response | Promise<Response>;

export function denyIpRanges(cidrs: string[], refuse?: DeniedAnswer): MiddlewareHandler {
  const isDenied = ipDenyList(cidrs);
  return async function ipDeny(c, next) {
    if (c.req.method !== 'OPTIONS' && isDenied(clientIp(c))) {
      if (refuse) return refuse(c);
      throw forbidden('Registration is not available from your network');
    }
    await next();
  };
}
