// Owns the route table: what a route is, how a request finds its route, and the route key that names it.
import type { IncomingMessage } from 'node:http';
import type { JsonObject, Reply } from './http-kit.js';

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  /** The URL-decoded trailing path segment of a route with `withParam` (e.g. a user ID). */
  param: string;
  /**
   * The body as a JSON object (400 M_NOT_JSON / M_BAD_JSON otherwise); an empty body is `{}` when
   * `allowEmpty`. Parsed only when a handler asks, so each handler keeps Synapse's check order
   * (e.g. the admin token before the body).
   */
  json(allowEmpty?: boolean): JsonObject;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  withParam?: boolean;
  handle(ctx: RequestContext): Reply | Promise<Reply>;
}

export type RouteMatch = { kind: 'route'; route: Route; param: string } | { kind: 'wrong-method' } | { kind: 'none' };

const CLIENT_PREFIXES = ['/_matrix/client/r0', '/_matrix/client/v3'] as const;

/** `METHOD /path` with any trailing parameter left out, e.g. `PUT /_synapse/admin/v2/users`. */
export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The same client-server route under both `/r0` and `/v3` (each with its own route key). */
export function underClientPrefixes(subpath: string, route: Omit<Route, 'path'>): Route[] {
  return CLIENT_PREFIXES.map((prefix) => ({ ...route, path: `${prefix}${subpath}` }));
}

function paramOf(route: Route, pathname: string): string | undefined {
  if (!route.withParam) return pathname === route.path ? '' : undefined;
  if (!pathname.startsWith(`${route.path}/`)) return undefined;
  const raw = pathname.slice(route.path.length + 1);
  if (raw.length === 0 || raw.includes('/')) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  let pathKnown = false;
  for (const route of routes) {
    const param = paramOf(route, pathname);
    if (param === undefined) continue;
    if (route.method === method) return { kind: 'route', route, param };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
}
