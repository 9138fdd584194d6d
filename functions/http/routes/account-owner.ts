/**
 * Who is calling: the access token of a request (Authorization: Bearer, or the older `access_token` query
 * parameter) asked of the homeserver's `whoami`. A refusal is the homeserver's own answer, passed back as it is.
 */
import type { Context } from 'hono';
import { guestAccessForbidden } from '../../matrix/errors.js';
import { rethrowForClient } from '../../matrix/port-failures.js';
import type { HomeserverClientProxy } from '../../ports/index.js';
import { proxiedRequestOf, responseOf } from './pass-through.js';

export const WHOAMI_PATH = '/_matrix/client/v3/account/whoami';

export interface AccountCaller {
  userId: string;
  accessToken: string;
}

/** The caller, or the homeserver's answer (401 M_MISSING_TOKEN / M_UNKNOWN_TOKEN, …) to send back untouched. */
export async function accountCaller(proxy: HomeserverClientProxy, c: Context): Promise<AccountCaller | Response> {
  const accessToken = accessTokenOf(c);
  const request = await proxiedRequestOf(c, new Uint8Array());
  const headers: Record<string, string> = {};
  for (const name of ['user-agent', 'x-forwarded-for', 'accept-language']) if (request.headers[name]) headers[name] = request.headers[name];
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const answer = await proxy.forward({ method: 'GET', path: WHOAMI_PATH, query: '', headers }).catch(rethrowForClient);
  const body = answer.status === 200 ? parseObject(answer.body) : undefined;
  if (!accessToken || typeof body?.user_id !== 'string') return responseOf(answer);
  // The spec's guests cannot change an account's addresses (Synapse: requests by guests are refused).
  if (body.is_guest === true) throw guestAccessForbidden();
  return { userId: body.user_id, accessToken };
}

/**
 * Whether the request presents an access token at all (a header, or the query parameter of older clients).
 * A token presented is checked even where none is needed: a bad one is refused, never ignored.
 */
export function presentsAccessToken(c: Context): boolean {
  return c.req.header('authorization') !== undefined || c.req.query('access_token') !== undefined;
}

function accessTokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const bearer = header && /^Bearer (\S+)$/i.exec(header.trim())?.[1];
  return bearer || c.req.query('access_token') || undefined;
}

function parseObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
