/** Helpers for the gating tests: calls from a chosen client IP (as the Lambda event gives it), operator calls. */
import type { Answer, Harness } from '../support/harness.js';

export const OPERATOR_KEY = 'operator-key-for-tests-5a1c9e';
export const TOKENS = '/_front_door/admin/v1/registration_tokens';
export const VALIDITY = '/_matrix/client/v1/register/m.login.registration_token/validity';

export interface CallOptions {
  method?: string;
  body?: unknown;
  ip?: string;
  headers?: Record<string, string>;
}

/** Calls the app with the client IP in the place hono/aws-lambda puts it: `c.env.event.requestContext.http.sourceIp`. */
export async function call(h: Harness, path: string, options: CallOptions = {}): Promise<Answer> {
  const init: RequestInit = {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...options.headers },
  };
  if (options.body !== undefined) init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const env = { event: { requestContext: { http: { sourceIp: options.ip ?? '198.51.100.7' } } } };
  const res = await h.app.request(path, init, env);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* an HTML page */
  }
  return { status: res.status, body, headers: res.headers };
}

export const operator = (h: Harness, path: string, options: CallOptions = {}) =>
  call(h, path, { ...options, headers: { authorization: `Bearer ${OPERATOR_KEY}`, ...options.headers } });

export const PASSWORD = 'a fine long passphrase';
