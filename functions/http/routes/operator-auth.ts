/**
 * The operator API's authentication: a bearer key from the tenant's secrets, compared in constant time. With
 * IAM (SigV4) in front, Authorization holds the signature, so the key may come in X-Operator-Key instead.
 */
import type { MiddlewareHandler } from 'hono';
import { sameSecret } from '../../crypto/same-secret.js';
import { forbidden, missingToken, unknownToken } from '../../matrix/errors.js';

/** Where the key goes when Authorization carries a SigV4 signature (deployment.operatorAuth: "iam"). */
export const OPERATOR_KEY_HEADER = 'x-operator-key';

export function operatorAuth(operatorKey: string | undefined): MiddlewareHandler {
  return async function requireOperator(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    if (!operatorKey) throw forbidden('The operator API is not enabled for this tenant');
    const header = c.req.header('authorization') ?? '';
    const presented = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? (c.req.header(OPERATOR_KEY_HEADER)?.trim() || undefined);
    if (!presented) throw missingToken();
    if (!sameSecret(presented, operatorKey)) throw unknownToken();
    await next();
  };
}
