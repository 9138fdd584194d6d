/** CORS as a homeserver's client API answers it, so browser clients and hosted sign-up pages can call in. */
import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
const ALLOW_HEADERS = 'X-Requested-With, Content-Type, Authorization, Date';

export function matrixCors(allowedOrigins: string[]): MiddlewareHandler {
  const anyOrigin = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return async function cors(c, next) {
    const origin = c.req.header('origin');
    const allowOrigin = anyOrigin ? '*' : origin && allowed.has(origin) ? origin : undefined;
    const decorate = (res: Response) => {
      if (allowOrigin) {
        res.headers.set('Access-Control-Allow-Origin', allowOrigin);
        res.headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        res.headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
      }
      if (!anyOrigin) res.headers.append('Vary', 'Origin');
      return res;
    };
    // A preflight is answered here, whatever the path, as Synapse does.
    if (c.req.method === 'OPTIONS') return decorate(c.json({}, 200));
    await next();
    decorate(c.res);
  };
}
