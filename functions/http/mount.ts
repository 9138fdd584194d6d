/**
 * What a part of the front door adds around its routes: middleware mounted before them (IP deny, per-IP
 * limits) and sub-apps mounted after them (token validity, the operator API). The composition root fills
 * it; the app only mounts it, so HTTP never learns which adapters stand behind a handler.
 */
import type { Hono, MiddlewareHandler } from 'hono';

export interface GatingMount {
  middleware: { path: string; handler: MiddlewareHandler }[];
  routes: { prefix: string; app: Hono }[];
}

export function mountGatingMiddleware(app: Hono, mount: GatingMount | undefined): void {
  for (const { path, handler } of mount?.middleware ?? []) app.use(path, handler);
}

export function mountGatingRoutes(app: Hono, mount: GatingMount | undefined): void {
  for (const { prefix, app: routes } of mount?.routes ?? []) app.route(prefix, routes);
}
