// Owns the admin lookup of a user by a bound address: GET /_synapse/admin/v1/threepid/{medium}/users/{address}.
import { requireAdmin } from './access.js';
import type { HomeserverCore } from './core.js';
import { USER_NOT_FOUND, notFound } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import type { RequestContext, Route } from './router.js';

export const THREEPID_LOOKUP_PATHS = {
  email: '/_synapse/admin/v1/threepid/email/users',
  msisdn: '/_synapse/admin/v1/threepid/msisdn/users',
} as const;

export function adminThreepidRoutes(core: HomeserverCore): Route[] {
  return (Object.entries(THREEPID_LOOKUP_PATHS) as [keyof typeof THREEPID_LOOKUP_PATHS, string][]).map(([medium, path]) => ({
    method: 'GET',
    path,
    withParam: true,
    handle: (ctx: RequestContext) => lookup(core, ctx, medium),
  }));
}

/** Email addresses are stored lowercased, so they are looked up the same way. */
function lookup(core: HomeserverCore, ctx: RequestContext, medium: string): Reply {
  requireAdmin(core, ctx);
  const address = medium === 'email' ? ctx.param.toLowerCase() : ctx.param;
  const user = core.users.findByThreepid(medium, address);
  if (!user) throw notFound(USER_NOT_FOUND);
  return ok({ user_id: user.name });
}
