/** One structured line per request: method, path (never the query, which can hold tokens), status, time. */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';

const MAX_PATH = 200;

export function accessLog(log: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    log.info('request', {
      method: c.req.method,
      path: c.req.path.slice(0, MAX_PATH),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
