/**
 * One structured line per request: method, path (never the query, which can hold tokens), status, time.
 * A path that carries a secret (the operator API names registration tokens in it) is logged without it.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../model/log.js';

const MAX_PATH = 200;
/** Everything after `/registration_tokens/`, whatever it is (a token, an encoded one, more segments), but `new`. */
const TOKEN_IN_PATH = /(\/registration_tokens\/)(.+)$/i;
export const REDACTED = '<redacted>';

export function loggedPath(path: string): string {
  return path
    .replace(TOKEN_IN_PATH, (whole, head: string, rest: string) => (rest === 'new' ? whole : `${head}${REDACTED}`))
    .slice(0, MAX_PATH);
}

export function accessLog(log: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    log.info('request', {
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
