/** The operator API's authentication: a bearer key from the tenant's secrets, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ErrCode } from '../../matrix/errcodes.js';
import { forbidden, MatrixError } from '../../matrix/matrix-error.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function operatorAuth(operatorKey: string | undefined): MiddlewareHandler {
  // Digests of equal length, so neither the comparison nor its length check depends on the key.
  const expected = operatorKey ? digest(operatorKey) : undefined;
  return async function requireOperator(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    if (!expected) throw forbidden('The operator API is not enabled for this tenant');
    const header = c.req.header('authorization') ?? '';
    const presented = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!presented) throw new MatrixError(401, ErrCode.MissingToken, 'Missing access token');
    if (!timingSafeEqual(digest(presented), expected)) throw new MatrixError(401, ErrCode.UnknownToken, 'Unrecognised access token');
    await next();
  };
}
