/**
 * Which functions call the homeserver, and so run in the tenant's network: derived from the marks on the
 * tenant's routes (functions/http/route-table.ts: `homeserver`, `homeserverUnless`) and from what the two
 * functions without a route do, never from a list kept by hand.
 */
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { frontDoorRoutes, type FrontDoorRoute, type HomeserverUse } from '../functions/http/route-table.js';
import type { FunctionName } from './routes.js';

export type NetworkedFunction = FunctionName | 'sweep';

/** The routes this tenant serves: the fixed ones, the sign-up page's with `pages`, the reset page's with `recovery` too. */
export function tenantRoutes(config: TenantConfig): readonly FrontDoorRoute[] {
  const resetPage = config.pages && config.recovery ? config.recovery.pagePath : undefined;
  return frontDoorRoutes(config.pages?.path, resetPage);
}

/** What a route calls on the homeserver for this tenant (the reset's requestToken is passed through only without `recovery`). */
export function routeUse(route: FrontDoorRoute, config: TenantConfig): HomeserverUse | undefined {
  if (route.homeserverUnless === 'recovery' && config.recovery) return undefined;
  return route.homeserver;
}

/**
 * What each function calls on the homeserver: the strongest use among its routes; the owner lookup asks the
 * admin API; the sweep joins rooms through it when the tenant has `onboarding`.
 */
export function homeserverUses(config: TenantConfig): Partial<Record<NetworkedFunction, HomeserverUse>> {
  const uses: Partial<Record<NetworkedFunction, HomeserverUse>> = { lookup: 'admin' };
  if (config.onboarding) uses.sweep = 'admin';
  for (const route of tenantRoutes(config)) {
    const use = routeUse(route, config);
    if (use && uses[route.fn] !== 'admin') uses[route.fn] = use;
  }
  return uses;
}

/**
 * Whether a function runs in the tenant's network: every function that calls the admin API; one that calls
 * only the client API unless `homeserver.clientUrl` names a public client API for it to call instead.
 */
export function runsInNetwork(name: NetworkedFunction, config: TenantConfig): boolean {
  const use = homeserverUses(config)[name];
  return use === 'admin' || (use === 'client' && !config.homeserver.clientUrl);
}
