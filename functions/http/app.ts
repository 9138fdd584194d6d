/**
 * The HTTP application: mounts the routes under both client API prefixes and renders every failure as
 * a Matrix error, in this one place. It knows ports only, never an AWS SDK or a concrete homeserver.
 */
import { Hono } from 'hono/tiny';
import { internalError, MatrixError, methodNotAllowed, unrecognized } from '../matrix/errors.js';
import { clientErrorFor } from '../matrix/port-failures.js';
import { isTransientFailure } from '../model/transient-failure.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { Logger } from '../model/log.js';
import { accessLog, loggedPath, type MetricsFlush } from './middleware/access-log.js';
import { matrixCors } from './middleware/cors.js';
import { clientIpSource } from './middleware/client-ip.js';
import { readBodyFirst } from './middleware/request-body.js';
import { CLIENT_PREFIXES } from './route-table.js';
import { authFallbackRoutes } from './routes/auth-fallback.js';
import { mountGatingMiddleware, mountGatingRoutes, type GatingMount } from './mount.js';
import { registerRoutes, type RegisterRouteDeps } from './routes/register.js';
import { signupRoutes } from './routes/signup.js';
import { mountAccountRoutes } from './routes/account-threepid.js';
import { mountRecovery, type RecoveryMount } from './mount-recovery.js';
import { requestTokenRoutes, submitTokenRoutes, type RequestTokenRouteDeps, type ThreepidRouteDeps } from './routes/threepid.js';

export interface AppDeps extends RegisterRouteDeps {
  log: Logger;
  /** Present when the tenant verifies email or phone numbers. */
  threepid?: ThreepidRouteDeps;
  /** Gating (docs/gating.md): middleware before the routes, sub-apps after them. */
  gating?: GatingMount[];
  /** Addresses after sign-up (http/routes/account-threepid.ts), each mounted under both prefixes. */
  account?: Hono[];
  /** Password reset (http/mount-recovery.ts): `/account/password`, its requestToken, the hosted page. */
  recovery?: RecoveryMount;
  /** Writes each request's metric events once it is answered (EMF and the sign-up counters). */
  metrics?: MetricsFlush;
}

/** Matrix request bodies here are small; anything larger is refused with 413, without losing the connection. */
export const MAX_BODY_BYTES = 64 * 1024;
const DISCARD_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps): Hono {
  return matrixApi(
    deps.config,
    deps.log,
    (app) => {
      for (const mount of deps.gating ?? []) mountGatingMiddleware(app, mount);
      mountRegister(app, deps);
      mountPages(app, deps);
      if (deps.threepid) {
        mountRequestToken(app, deps.threepid);
        app.route('/', submitTokenRoutes(deps.threepid));
      }
      mountRecovery(app, deps.recovery);
      mountAccountRoutes(app, deps.account ?? []);
      for (const mount of deps.gating ?? []) mountGatingRoutes(app, mount);
    },
    deps.metrics,
  );
}

/** `POST /register` and `GET /register/available` under both prefixes; other methods on them are 405. */
export function mountRegister(app: Hono, deps: RegisterRouteDeps): void {
  const register = registerRoutes(deps);
  for (const prefix of CLIENT_PREFIXES) app.route(prefix, register);
  // A known path asked with the wrong method: 405, as the spec gives for unsupported methods.
  for (const prefix of CLIENT_PREFIXES) {
    for (const path of ['/register', '/register/available'])
      app.all(`${prefix}${path}`, () => {
        throw methodNotAllowed();
      });
  }
}

/** The pages a person sees: the UIA fallback pages and the hosted sign-up page; both run stages through the engine. */
export function mountPages(app: Hono, deps: RegisterRouteDeps): void {
  const fallback = authFallbackRoutes(deps);
  for (const prefix of CLIENT_PREFIXES) app.route(prefix, fallback);
  if (deps.signup) app.route('/', signupRoutes(deps.signup));
}

export function mountRequestToken(app: Hono, deps: RequestTokenRouteDeps): void {
  const requestToken = requestTokenRoutes(deps);
  for (const prefix of CLIENT_PREFIXES) app.route(prefix, requestToken);
}

/**
 * The shell every app shares (CORS, body limit, Matrix 404 and error rendering) around the routes
 * `mount` adds: the local server mounts them all, each Lambda only its own.
 */
export function matrixApi(config: TenantConfig, log: Logger, mount: (app: Hono) => void, metrics?: MetricsFlush): Hono {
  const app = new Hono();
  app.use('*', accessLog(log, metrics));
  app.use('*', matrixCors(config.cors.allowedOrigins));
  app.use('*', clientIpSource(config.clientIp));
  app.use('*', readBodyFirst({ maxBytes: MAX_BODY_BYTES, discardBytes: DISCARD_BODY_BYTES }));
  mount(app);

  app.notFound((c) => c.json(unrecognized().toJSON(), 404));
  app.onError((thrown, c) => {
    // A store or network fault left to here is answered as the engine answers one it meets itself.
    const error = isTransientFailure(thrown) ? (clientErrorFor(thrown) as MatrixError) : thrown;
    if (error instanceof MatrixError) {
      // Such a fault, wherever it was turned into a 503, is worth the operator's eye.
      const cause = error.cause as Error | undefined;
      if (isTransientFailure(cause)) log.warn('backend_unavailable', { name: cause!.name, path: loggedPath(c.req.path) });
      return c.json(error.toJSON(), error.status, error.headers);
    }
    // Only the error's class and message: a stack or a request could carry what must not be logged.
    log.error('unhandled_error', { name: error.name, message: error.message, path: loggedPath(c.req.path) });
    const internal = internalError();
    return c.json(internal.toJSON(), internal.status);
  });
  return app;
}
