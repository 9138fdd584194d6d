/** JSON over HTTP to the homeserver, with a deadline; transport faults become a retryable HomeserverError. */
import { HomeserverError } from '../ports.js';

export interface HomeserverReply {
  status: number;
  body: Record<string, unknown>;
}

export interface HomeserverHttp {
  request(method: string, path: string, options?: { body?: unknown; token?: string }): Promise<HomeserverReply>;
}

export function homeserverHttp(baseUrl: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): HomeserverHttp {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async request(method, path, { body, token } = {}) {
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        // Names the path only: the error may carry the request, and the request may carry a secret.
        throw new HomeserverError('unavailable', `${method} ${path}: ${(error as Error).name}`);
      }
      if (response.status >= 500) throw new HomeserverError('unavailable', `${method} ${path}: HTTP ${response.status}`);
      return { status: response.status, body: parseObject(text) };
    },
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Maps the homeserver's refusals that the front door expects; anything else means a wrong setup. */
export function refusal(reply: HomeserverReply, what: string): HomeserverError {
  const errcode = reply.body.errcode;
  if (errcode === 'M_USER_IN_USE') return new HomeserverError('user-in-use', 'User ID already taken.');
  if (errcode === 'M_INVALID_USERNAME') return new HomeserverError('invalid-username', String(reply.body.error ?? 'Invalid username'));
  return new HomeserverError('misconfigured', `${what}: HTTP ${reply.status} ${String(errcode ?? '')} ${String(reply.body.error ?? '')}`.trim());
}
