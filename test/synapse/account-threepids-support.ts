/**
 * What the suites of addresses after sign-up share (the stand-in and the real Synapse alike): a person with an
 * account and one device, requestToken with or without their access token, the mailed link followed, and the
 * UIA of `3pid/add`.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type Answer, codeInSms, type Harness, linkInMail } from '../support/harness.js';
import { freshName, type SynapseApi } from './synapse-api.js';

export const V3 = '/_matrix/client/v3';
export const R0 = '/_matrix/client/r0';

export interface AccountThreepidsTarget {
  start(): Promise<Harness>;
  /** The homeserver the harness fronts: its URL, server name and admin token. */
  homeserver(h: Harness): { url: string; serverName: string; adminToken: string };
}

export interface Homeserver {
  api: SynapseApi;
  url: string;
  serverName: string;
  adminToken: string;
}

export interface Person {
  userId: string;
  localpart: string;
  password: string;
  token: string;
}

/** An account made outside the front door, logged in once (its one device). */
export async function person({ api, adminToken }: Homeserver): Promise<Person> {
  const localpart = freshName('ad');
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const userId = api.userId(localpart);
  const made = await api.call('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
    body: { password },
    token: adminToken,
  });
  expect(made.status).toBe(201);
  const login = await api.call('POST', `${V3}/login`, {
    body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: localpart }, password },
  });
  expect(login.status).toBe(200);
  return { userId, localpart, password, token: login.body.access_token };
}

const bearer = (token: string) => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

/** A POST with the access token when one is given, and without any Authorization header otherwise. */
export const post = (h: Harness, path: string, body: unknown, token?: string): Promise<Answer> =>
  h.post(path, body, token ? bearer(token) : undefined);

export const passwordAuth = (p: Person, session: string, password = p.password) => ({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user: p.localpart },
  password,
  session,
});

/**
 * requestToken (with `token`, or without one as matrix-js-sdk's `requestAdd3pidEmailToken` asks), then the
 * mailed link followed: the validated sid.
 */
export async function validatedEmail(
  h: Harness,
  token: string | undefined,
  email: string,
  clientSecret: string,
  prefix = V3,
): Promise<string> {
  const asked = await post(h, `${prefix}/account/3pid/email/requestToken`, { email, client_secret: clientSecret, send_attempt: 1 }, token);
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  const link = await linkInMail(h, email.toLowerCase());
  expect((await fetch(link)).status).toBe(200);
  return asked.body.sid;
}

/** requestToken for a phone number (with or without `token`), then the SMS code posted to its submit_url: the validated sid and number. */
export async function validatedPhone(h: Harness, token: string | undefined, clientSecret: string, prefix = V3) {
  const number = `07400 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const asked = await post(
    h,
    `${prefix}/account/3pid/msisdn/requestToken`,
    { country: 'GB', phone_number: number, client_secret: clientSecret, send_attempt: 1 },
    token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  const code = codeInSms(h, `+${asked.body.msisdn}`);
  const submitted = await h.post(asked.body.submit_url.replace(/^https?:\/\/[^/]+/, ''), {
    sid: asked.body.sid,
    client_secret: clientSecret,
    token: code,
  });
  expect(submitted.body).toEqual({ success: true });
  return { sid: asked.body.sid as string, msisdn: asked.body.msisdn as string };
}

/** The UIA of `3pid/add`: the challenge, then the password. */
export async function add(h: Harness, p: Person, sid: string, clientSecret: string, prefix = V3) {
  const challenge = await post(h, `${prefix}/account/3pid/add`, { sid, client_secret: clientSecret }, p.token);
  expect(challenge.status).toBe(401);
  expect(challenge.body.flows).toEqual([{ stages: ['m.login.password'] }]);
  const session = challenge.body.session as string;
  const done = await post(h, `${prefix}/account/3pid/add`, { sid, client_secret: clientSecret, auth: passwordAuth(p, session) }, p.token);
  return { session, done };
}
