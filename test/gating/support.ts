/** Helpers for the gating tests: calls from a chosen client IP (as the Lambda event gives it), operator calls. */
import { type Answer, send } from '../support/client.js';
import { OPERATOR_KEY } from '../support/constants.js';
import type { Harness } from '../support/harness.js';

export { OPERATOR_KEY, TOKENS, VALIDITY } from '../support/constants.js';

export interface CallOptions {
  method?: string;
  body?: unknown;
  ip?: string;
  headers?: Record<string, string>;
}

/** Calls the app with the client IP in the place hono/aws-lambda puts it: `c.env.event.requestContext.http.sourceIp`. */
export function call(h: Harness, path: string, options: CallOptions = {}): Promise<Answer> {
  return send(h.app, path, {
    method: options.method,
    body: options.body,
    // Sent on every call, a GET too, as these tests always have.
    headers: { 'content-type': 'application/json', ...options.headers },
    ip: options.ip ?? '198.51.100.7',
  });
}

export const operator = (h: Harness, path: string, options: CallOptions = {}) =>
  call(h, path, { ...options, headers: { authorization: `Bearer ${OPERATOR_KEY}`, ...options.headers } });

export const PASSWORD = 'a fine long passphrase';
