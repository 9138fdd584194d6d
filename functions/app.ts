/**
 * The HTTP application: mounts the routes under both client API prefixes and renders every failure as
 * a Matrix error, in this one place. It knows ports only, never an AWS SDK or a concrete homeserver.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrCode } from './matrix/errcodes.js';
import { MatrixError } from './matrix/matrix-error.js';
import type { Logger } from './log.js';
import { matrixCors } from './routes/cors.js';
import { registerRoutes, type RegisterRouteDeps } from './routes/register.js';
import { requestTokenRoutes, submitTokenRoutes, type ThreepidRouteDeps } from './routes/threepid.js';

export interface AppDeps extends RegisterRouteDeps {
  log: Logger;
  /** Present when the tenant verifies email or phone numbers. */
  threepid?: ThreepidRouteDeps;
}

/** Matrix request bodies here are small; anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 64 * 1024;
const CLIENT_PREFIXES = ['/_matrix/client/r0', '/_matrix/client/v3'];

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', matrixCors(deps.config.cors.allowedOrigins));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new MatrixError(413, ErrCode.TooLarge, 'Request body too large'); } }));

  const register = registerRoutes(deps);
  for (const prefix of CLIENT_PREFIXES) app.route(prefix, register);
  if (deps.threepid) {
    const requestToken = requestTokenRoutes(deps.threepid);
    for (const prefix of CLIENT_PREFIXES) app.route(prefix, requestToken);
    app.route('/', submitTokenRoutes(deps.threepid));
  }
  // A known path asked with the wrong method: 405, as the spec gives for unsupported methods.
  for (const prefix of CLIENT_PREFIXES) {
    for (const path of ['/register', '/register/available']) app.all(`${prefix}${path}`, () => { throw new MatrixError(405, ErrCode.Unrecognized, 'Unrecognized request'); });
  }

  app.notFound((c) => c.json({ errcode: ErrCode.Unrecognized, error: 'Unrecognized request' }, 404));
  app.onError((error, c) => {
    if (error instanceof MatrixError) return c.json(error.toJSON(), error.status, error.headers);
    // Only the error's class and message: a stack or a request could carry what must not be logged.
    deps.log.error('unhandled_error', { name: error.name, message: error.message, path: c.req.path });
    return c.json({ errcode: ErrCode.Unknown, error: 'Internal server error' }, 500);
  });
  return app;
}
