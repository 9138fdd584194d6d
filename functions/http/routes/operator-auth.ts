/**
 * The operator API's authentication: a bearer key from the tenant's secrets, compared in constant time.
 * A tenant may hold several named keys (one per person or system), so the audit log can say who acted;
 * the single key of older tenants is named `default`. With IAM (SigV4) in front, Authorization holds the
 * signature, so the key may come in X-Operator-Key instead.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { sameSecret } from '../../crypto/same-secret.js';
import { forbidden, missingToken, unknownToken } from '../../matrix/errors.js';

/** Where the key goes when Authorization carries a SigV4 signature (deployment.operatorAuth: "iam"). */
export const OPERATOR_KEY_HEADER = 'x-operator-key';

/** One operator key and the name the audit log records for it (never the key). */
export interface OperatorCredential {
  name: string;
  key: string;
}

export const DEFAULT_OPERATOR = 'default';

declare module 'hono' {
  interface ContextVariableMap {
    /** The name of the operator credential that authenticated this request. */
    operator: string;
  }
}

/** The credentials as a list: a single key is the `default` operator. */
export function operatorCredentials(keys: string | readonly OperatorCredential[] | undefined): OperatorCredential[] {
  if (keys === undefined) return [];
  return typeof keys === 'string' ? [{ name: DEFAULT_OPERATOR, key: keys }] : [...keys];
}

export function operatorAuth(keys: string | readonly OperatorCredential[] | undefined): MiddlewareHandler {
  const credentials = operatorCredentials(keys);
  return async function requireOperator(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    if (credentials.length === 0) throw forbidden('The operator API is not enabled for this tenant');
    const header = c.req.header('authorization') ?? '';
    const presented = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? (c.req.header(OPERATOR_KEY_HEADER)?.trim() || undefined);
    if (!presented) throw missingToken();
    // Every key is compared, so the time taken does not tell which one (if any) was close.
    let operator: string | undefined;
    for (const credential of credentials) if (sameSecret(presented, credential.key) && operator === undefined) operator = credential.name;
    if (operator === undefined) throw unknownToken();
    c.set('operator', operator);
    await next();
  };
}

/** Who made this operator request: the name of its credential. */
export function operatorOf(c: Context): string {
  return c.get('operator') ?? DEFAULT_OPERATOR;
}
