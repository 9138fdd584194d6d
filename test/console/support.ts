/** The console over `app.request`: a cookie jar, the CSRF field of the last page, accounts on the dev homeserver. No vitest here. */
import type { Hono } from 'hono';
import { CONSOLE_PATH } from '../../functions/http/console/console-deps.js';
import { ADMIN_TOKEN } from '../support/constants.js';

export { CONSOLE_PATH };

export interface ConsoleAnswer {
  status: number;
  location?: string;
  text: string;
  headers: Headers;
}

/** A browser-like client of one app: keeps the console cookie, remembers the last CSRF field. */
export function consoleClient(app: Hono, options: { base?: string; ip?: string } = {}) {
  const base = options.base ?? 'http://front-door.test';
  // The client's address as API Gateway gives it to the Lambda (see test/support/client.ts).
  const env = options.ip === undefined ? undefined : { event: { requestContext: { http: { sourceIp: options.ip } } } };
  let cookie = '';
  let csrf = '';
  const send = async (path: string, init: RequestInit = {}): Promise<ConsoleAnswer> => {
    const headers = { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) };
    const res = await app.request(`${base}${path}`, { ...init, headers }, env);
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    csrf = text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? csrf;
    return { status: res.status, location: res.headers.get('location') ?? undefined, text, headers: res.headers };
  };
  return {
    get: (path: string) => send(`${CONSOLE_PATH}${path}`),
    /** Posts a form with this session's CSRF field (unless the form names its own). */
    post: (path: string, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ csrf, ...form })) for (const one of [v].flat()) body.append(k, one);
      return send(`${CONSOLE_PATH}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    },
    get cookie() {
      return cookie;
    },
    forgetCookie: () => {
      cookie = '';
    },
  };
}

/** Signs in through the page: the sign-in page first (its CSRF field), then the form. */
export async function signIn(client: ReturnType<typeof consoleClient>, form: Record<string, string>): Promise<ConsoleAnswer> {
  await client.get('/sign-in');
  return client.post('/sign-in', form);
}

/** An account on the dev homeserver (or a real Synapse), made through the admin API. */
export async function makeAccount(homeserverUrl: string, userId: string, password: string, admin: boolean, token = ADMIN_TOKEN) {
  const res = await fetch(`${homeserverUrl}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password, admin }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`could not make ${userId}: ${res.status} ${await res.text()}`);
}

/** Gives or takes the server admin flag, through the admin API (no password given: the account keeps its devices). */
export async function setAdmin(homeserverUrl: string, userId: string, admin: boolean, token = ADMIN_TOKEN) {
  const res = await fetch(`${homeserverUrl}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ admin }),
  });
  if (!res.ok) throw new Error(`could not set admin of ${userId}: ${res.status} ${await res.text()}`);
}
