/** The operator API's authentication: a bearer key from the tenant's secrets, compared in constant time. */
import type { MiddlewareHandler } from 'hono';
import { sameSecret } from '../../crypto/same-secret.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { forbidden, MatrixError } from '../../matrix/matrix-error.js';

export function operatorAuth(operatorKey: string | undefined): MiddlewareHandler {
  return async function requireOperator(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    if (!operatorKey) throw forbidden('The operator API is not enabled for this tenant');
    const header = c.req.header('authorization') ?? '';
    const presented = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!presented) throw new MatrixError(401, ErrCode.MissingToken, 'Missing access token');
    if (!sameSecret(presented, operatorKey)) throw new MatrixError(401, ErrCode.UnknownToken, 'Unrecognised access token');
    await next();
  };
}
