/**
 * What the password-reset suites share (the stand-in and the real Synapse alike): an account made through the
 * admin API with a bound address, a password login, and a whole reset by email (the link from the mail) or by
 * phone (the code from the SMS outbox) through the front door's JSON API.
 */
import { expect } from 'vitest';
import { type Answer, codeInSms, type Harness, linkInMail } from '../support/harness.js';

export const PASSWORD_PATH = '/_matrix/client/v3/account/password';
export const RESET_EMAIL_TOKEN = '/_matrix/client/v3/account/password/email/requestToken';
export const RESET_MSISDN_TOKEN = '/_matrix/client/v3/account/password/msisdn/requestToken';
export const SUBMIT_MSISDN = '/_matrix/client/unstable/registration/msisdn/submit_token';

export interface Homeserver {
  url: string;
  adminToken: string;
  serverName: string;
}

async function call(url: string, method: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers } as Answer;
}

/** An account with a password and addresses, made the way an operator would (v2 admin user API). */
export async function makeAccount(hs: Homeserver, localpart: string, password: string, threepids: { medium: string; address: string }[]) {
  const userId = `@${localpart}:${hs.serverName}`;
  const made = await call(`${hs.url}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, 'PUT', { password, threepids }, hs.adminToken);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return userId;
}

export const login = (hs: Homeserver, localpart: string, password: string) =>
  call(`${hs.url}/_matrix/client/v3/login`, 'POST', {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: localpart },
    password,
  });

export const whoami = (hs: Homeserver, token: string) => call(`${hs.url}/_matrix/client/v3/account/whoami`, 'GET', undefined, token);

export const deactivate = (hs: Homeserver, userId: string) =>
  call(`${hs.url}/_synapse/admin/v1/deactivate/${encodeURIComponent(userId)}`, 'POST', { erase: false }, hs.adminToken);

export const adminUser = (hs: Homeserver, userId: string) =>
  call(`${hs.url}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, 'GET', undefined, hs.adminToken);

/** requestToken for a reset by email, then the mail's link followed: the creds are validated. */
export async function proveEmail(h: Harness, email: string, clientSecret: string): Promise<{ sid: string; client_secret: string }> {
  const requested = await h.post(RESET_EMAIL_TOKEN, { client_secret: clientSecret, email, send_attempt: 1 });
  expect(requested.status, JSON.stringify(requested.body)).toBe(200);
  const link = await linkInMail(h, email);
  expect(link.searchParams.get('sid')).toBe(requested.body.sid);
  expect((await fetch(link, { redirect: 'manual' })).status).toBeLessThan(400);
  return { sid: requested.body.sid, client_secret: clientSecret };
}

/** requestToken for a reset by phone, then the SMS code posted to the submit_url. */
export async function provePhone(h: Harness, phone: { country: string; number: string; e164: string }, clientSecret: string) {
  const requested = await h.post(RESET_MSISDN_TOKEN, {
    client_secret: clientSecret,
    country: phone.country,
    phone_number: phone.number,
    send_attempt: 1,
  });
  expect(requested.status, JSON.stringify(requested.body)).toBe(200);
  const submitted = await h.post(SUBMIT_MSISDN, { sid: requested.body.sid, client_secret: clientSecret, token: codeInSms(h, phone.e164) });
  expect(submitted.body).toEqual({ success: true });
  return { sid: requested.body.sid as string, client_secret: clientSecret };
}

/** The two calls of a stock client: the 401 with a session, then the same request with `auth`. */
export async function resetWith(
  h: Harness,
  type: 'm.login.email.identity' | 'm.login.msisdn',
  creds: { sid: string; client_secret: string },
  newPassword: string,
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  const first = await h.post(PASSWORD_PATH, { new_password: newPassword, ...extra });
  expect(first.status, JSON.stringify(first.body)).toBe(401);
  return h.post(PASSWORD_PATH, { new_password: newPassword, ...extra, auth: { type, session: first.body.session, threepid_creds: creds } });
}
