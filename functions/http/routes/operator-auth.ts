/** The operator API's authentication: a bearer key from the tenant's secrets, compared in constant time. */
import type { MiddlewareHandler } from 'hono';
import { sameSecret } from '../../crypto/same-secret.js';
import { forbidden, missingToken, unknownToken } from '../../matrix/errors.js';

export function operatorAuth(operatorKey: string | undefined): MiddlewareHandler {
  return async function requireOperator(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    if (!operatorKey) throw forbidden('The operator API is not enabled for this tenant');
    const header = c.req.header('authorization') ?? '';
    const presented = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!presented) throw missingToken();
    if (!sameSecret(presented, operatorKey)) throw unknownToken();
    await next();
  };
}
