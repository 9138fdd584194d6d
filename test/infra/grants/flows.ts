/**
 * The representative flows the recorded-grants test drives through the router (recorded-parts.ts): every
 * route of every part, sign-ups that finish, wait, are approved, denied or expire, resets, addresses added
 * after sign-up, the pages, the meter, the operator API and its console. Each step checks its answer, so a
 * flow that silently stops early cannot pass for one that touched the table.
 */
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { type Answer, send } from '../../support/client.js';
import { ADMIN_TOKEN } from '../../support/constants.js';
import type { Harness } from '../../support/harness.js';
import { PageBrowser } from '../../pages/page-browser.js';
import { consoleClient, signIn } from '../../console/support.js';

export const V3 = '/_matrix/client/v3';
export const ADMIN_V1 = '/_front_door/admin/v1';
export const PASSWORD = 'a grants test password 5c2d';
const IP = '198.51.100.40';

/** What the flows need: the router, the harness's mail catcher and SMS outbox, the homeserver's URL. */
export interface FlowTarget {
  router: Hono;
  h: Harness;
  operatorKey: string;
}

export const call = (t: FlowTarget, path: string, body?: unknown, headers: Record<string, string> = {}, method?: string): Promise<Answer> =>
  send(t.router, path, {
    ...(method ? { method } : {}),
    ...(body === undefined ? {} : { body }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ip: IP,
  });

export const operator = (t: FlowTarget, path: string, body?: unknown, method?: string) =>
  call(t, `${ADMIN_V1}${path}`, body, { authorization: `Bearer ${t.operatorKey}` }, method);

const expectStatus = (answer: Answer, status: number, what: string) =>
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);

/** The link in the newest mail to `to`, as a path and query for the router. */
export async function mailedLink(t: FlowTarget, to: string): Promise<string> {
  const mails = (await t.h.mail!.mails()).filter((m) => m.to.includes(to));
  const link = mails.at(-1)?.text.match(/https?:\/\/\S+submit_token\S+/)?.[0];
  if (!link) throw new Error(`no link in a mail to ${to}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

export function smsCode(t: FlowTarget, e164: string): string {
  const body =
    t.h
      .outbox!.messages()
      .filter((m) => m.to === e164)
      .at(-1)?.body ?? '';
  const code = body.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no code in an SMS to ${e164}`);
  return code;
}

/** A new registration token through the operator API. */
export async function newToken(t: FlowTarget, token: string, uses = 10): Promise<void> {
  expectStatus(await operator(t, '/registration_tokens/new', { token, uses_allowed: uses }), 200, 'token created');
}

/** The first call of a sign-up: its session. */
export async function firstCall(t: FlowTarget, username: string): Promise<string> {
  const first = await call(t, `${V3}/register`, { username, password: PASSWORD, initial_device_display_name: 'grants test' });
  expectStatus(first, 401, 'first call');
  return first.body.session;
}

const stage = (t: FlowTarget, session: string, auth: Record<string, unknown>) => call(t, `${V3}/register`, { auth: { session, ...auth } });

/** terms + dummy without a token: the sign-up waits for an operator (403 M_USER_AWAITING_APPROVAL). */
export async function waitingSignup(t: FlowTarget, username: string): Promise<void> {
  const session = await firstCall(t, username);
  expectStatus(await stage(t, session, { type: 'm.login.terms' }), 401, 'terms');
  const final = await stage(t, session, { type: 'm.login.dummy' });
  expectStatus(final, 403, 'dummy');
  expect(final.body.errcode).toBe('M_USER_AWAITING_APPROVAL');
}

/** token + terms + email through the JSON API: the send gate passed by the token, the link followed, the account made. */
export async function emailSignup(t: FlowTarget, username: string, token: string, email: string): Promise<string> {
  const session = await firstCall(t, username);
  expectStatus(await stage(t, session, { type: 'm.login.registration_token', token }), 401, 'token stage');
  expectStatus(await stage(t, session, { type: 'm.login.terms' }), 401, 'terms');
  const asked = await call(t, `${V3}/register/email/requestToken`, { email, client_secret: `cs-${username}`, send_attempt: 1, session });
  expectStatus(asked, 200, 'email requestToken');
  expectStatus(await call(t, await mailedLink(t, email)), 200, 'email link');
  const creds = { sid: asked.body.sid, client_secret: `cs-${username}` };
  const done = await stage(t, session, { type: 'm.login.email.identity', threepid_creds: creds, threepidCreds: creds });
  expectStatus(done, 200, 'email stage');
  return done.body.access_token;
}

/** token + msisdn through the JSON API: the code posted to the front door's submit_url. */
export async function phoneSignup(t: FlowTarget, username: string, token: string, national: string): Promise<string> {
  const session = await firstCall(t, username);
  expectStatus(await stage(t, session, { type: 'm.login.registration_token', token }), 401, 'token stage');
  const secret = `cs-${username}`;
  const asked = await call(t, `${V3}/register/msisdn/requestToken`, {
    country: 'GB',
    phone_number: national,
    client_secret: secret,
    send_attempt: 1,
    session,
  });
  expectStatus(asked, 200, 'msisdn requestToken');
  const submitted = await call(t, '/_matrix/client/unstable/registration/msisdn/submit_token', {
    sid: asked.body.sid,
    client_secret: secret,
    token: smsCode(t, `+${asked.body.msisdn}`),
  });
  expectStatus(submitted, 200, 'msisdn submit_token');
  const done = await stage(t, session, { type: 'm.login.msisdn', threepid_creds: { sid: asked.body.sid, client_secret: secret } });
  expectStatus(done, 200, 'msisdn stage');
  return `+${asked.body.msisdn}`;
}

/** A password reset by email through the JSON API: requestToken, the link, the UIA, the final call. */
export async function emailReset(t: FlowTarget, email: string): Promise<void> {
  const asked = await call(t, `${V3}/account/password/email/requestToken`, { email, client_secret: 'cs-reset', send_attempt: 1 });
  expectStatus(asked, 200, 'reset requestToken');
  expectStatus(await call(t, await mailedLink(t, email)), 200, 'reset link');
  const first = await call(t, `${V3}/account/password`, { new_password: `${PASSWORD} new` });
  expectStatus(first, 401, 'reset challenge');
  const creds = { sid: asked.body.sid, client_secret: 'cs-reset' };
  const done = await call(t, `${V3}/account/password`, {
    new_password: `${PASSWORD} new`,
    auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds },
  });
  expectStatus(done, 200, 'reset final call');
}

/** A password reset by phone: its requestToken (the sms part) and code; the final call as above. */
export async function phoneReset(t: FlowTarget, e164: string): Promise<void> {
  const asked = await call(t, `${V3}/account/password/msisdn/requestToken`, {
    country: 'GB',
    phone_number: `0${e164.slice(3)}`,
    client_secret: 'cs-reset-phone',
    send_attempt: 1,
  });
  expectStatus(asked, 200, 'reset msisdn requestToken');
  const submitted = await call(t, '/_matrix/client/unstable/registration/msisdn/submit_token', {
    sid: asked.body.sid,
    client_secret: 'cs-reset-phone',
    token: smsCode(t, e164),
  });
  expectStatus(submitted, 200, 'reset msisdn submit_token');
  const first = await call(t, `${V3}/account/password`, { new_password: `${PASSWORD} newer` });
  const creds = { sid: asked.body.sid, client_secret: 'cs-reset-phone' };
  const done = await call(t, `${V3}/account/password`, {
    new_password: `${PASSWORD} newer`,
    auth: { type: 'm.login.msisdn', session: first.body.session, threepid_creds: creds },
  });
  expectStatus(done, 200, 'phone reset final call');
}

/** An address added after sign-up (with the access token), then the homeserver's own /account/3pid calls passed through. */
export async function addressesAfterSignup(t: FlowTarget, localpart: string, password: string, accessToken: string): Promise<void> {
  const bearer = { authorization: `Bearer ${accessToken}` };
  const email = `${localpart}-later@example.org`;
  const asked = await call(t, `${V3}/account/3pid/email/requestToken`, { email, client_secret: 'cs-add', send_attempt: 1 }, bearer);
  expectStatus(asked, 200, 'add requestToken');
  expectStatus(await call(t, await mailedLink(t, email)), 200, 'add link');
  const body = { sid: asked.body.sid, client_secret: 'cs-add' };
  const challenge = await call(t, `${V3}/account/3pid/add`, body, bearer);
  expectStatus(challenge, 401, 'add challenge');
  const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: localpart }, password, session: challenge.body.session };
  expectStatus(await call(t, `${V3}/account/3pid/add`, { ...body, auth }, bearer), 200, 'add');
  const phone = await call(
    t,
    `${V3}/account/3pid/msisdn/requestToken`,
    { country: 'GB', phone_number: '07400 654321', client_secret: 'cs-add-phone', send_attempt: 1 },
    bearer,
  );
  expectStatus(phone, 200, 'add msisdn requestToken');
  expectStatus(await call(t, `${V3}/account/3pid`, undefined, bearer), 200, 'GET /account/3pid');
  for (const what of ['bind', 'unbind', 'delete']) {
    const answer = await call(t, `${V3}/account/3pid/${what}`, { medium: 'email', address: email, id_server: 'id.example.org' }, bearer);
    expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  }
}

/** The UIA fallback pages of the terms and token stages, then /register finishing with an account. */
export async function fallbackPages(t: FlowTarget, username: string, token: string): Promise<void> {
  const session = await firstCall(t, username);
  const page = (type: string) => `${V3}/auth/${type}/fallback/web?session=${encodeURIComponent(session)}`;
  const form = (type: string, fields: Record<string, string>) =>
    call(t, page(type), new URLSearchParams({ session, ...fields }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  expectStatus(await call(t, page('m.login.registration_token')), 200, 'token fallback page');
  expect(String((await form('m.login.registration_token', { token })).body)).toContain('onAuthDone');
  expectStatus(await call(t, page('m.login.terms')), 200, 'terms fallback page');
  expect(String((await form('m.login.terms', { accept: 'yes' })).body)).toContain('onAuthDone');
  const where = await stage(t, session, {});
  expectStatus(where, 401, 'after the fallback pages');
  expect(where.body.completed).toEqual(['m.login.registration_token', 'm.login.terms']);
}

/** The sign-up page: terms and a name without a token (it waits), and the strength meter beside it. */
export async function signupPage(t: FlowTarget, username: string, pagesPath: string): Promise<void> {
  const browser = new PageBrowser(t.router);
  await browser.open(pagesPath);
  await browser.submit(pagesPath, { step: 'flow', flow: '0' });
  await browser.submit(pagesPath, { step: 'account', username, password: PASSWORD, password_confirm: PASSWORD });
  const waiting = await browser.submit(pagesPath, { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
  expect(waiting.html).toContain('data-step="awaiting"');
  // The mail link's return without a link: refused with a page, after the page read its state.
  expect((await call(t, `${pagesPath}/continue`)).status).toBe(400);
  const meter = await call(t, `${pagesPath}/password-strength`, { password: PASSWORD, username });
  expectStatus(meter, 200, 'strength meter');
  expect((await t.router.request(`${pagesPath}/static/signup.css`)).status).toBeLessThan(500);
}

/** The sign-up page's email step with a token: the page sends the mail itself, the link brings the person back. */
export async function signupPageWithEmail(t: FlowTarget, username: string, token: string, email: string, pagesPath: string) {
  const browser = new PageBrowser(t.router);
  await browser.open(pagesPath);
  await browser.submit(pagesPath, { step: 'flow', flow: '1' });
  await browser.submit(pagesPath, { step: 'account', username, password: PASSWORD, password_confirm: PASSWORD });
  await browser.submit(pagesPath, { step: 'm.login.registration_token', token });
  await browser.submit(pagesPath, { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
  const sent = await browser.submit(pagesPath, { step: 'm.login.email.identity', email });
  expect(sent.html).toContain('data-step="email_sent"');
  const confirmed = await call(t, await mailedLink(t, email));
  expectStatus(confirmed, 302, 'page mail link');
  const back = new URL(confirmed.headers.get('location')!);
  const done = await browser.open(`${back.pathname}${back.search}`);
  expect(done.html).toContain('data-step="done"');
}

/** The "Forgot password" page by email, to the new password. */
export async function forgotPasswordPage(t: FlowTarget, email: string, pagePath: string): Promise<void> {
  const browser = new PageBrowser(t.router);
  await browser.open(pagePath);
  const sent = await browser.submit(pagePath, { step: 'reset_email', email });
  expect(sent.html).toContain('data-step="reset_email_sent"');
  const confirmed = await call(t, await mailedLink(t, email));
  expect(confirmed.status).toBeLessThan(400);
  const location = confirmed.headers.get('location');
  const back = location ? new URL(location) : undefined;
  const asked = back ? await browser.open(`${back.pathname}${back.search}`) : await browser.open(pagePath);
  expect(asked.html).toContain('data-step="reset_password"');
  const done = await browser.submit(pagePath, {
    step: 'reset_password',
    password: `${PASSWORD} page`,
    password_confirm: `${PASSWORD} page`,
  });
  expect(done.html).toContain('data-step="reset_done"');
  // The page's own meter, served by the meter part as the sign-up page's is.
  expect((await call(t, `${pagePath}/password-strength`, { password: PASSWORD })).status).toBe(200);
  expect((await t.router.request(`${pagePath}/static/signup.css`)).status).toBeLessThan(500);
}

/** The operator API's tokens, records, switches, counters and outbox, each once. */
export async function operatorApi(t: FlowTarget): Promise<void> {
  await newToken(t, 'grants-doomed', 1);
  expectStatus(await operator(t, '/registration_tokens'), 200, 'tokens listed');
  expectStatus(await operator(t, '/registration_tokens/grants-doomed'), 200, 'token read');
  expectStatus(await operator(t, '/registration_tokens/grants-doomed', { uses_allowed: 2 }, 'PUT'), 200, 'token updated');
  expectStatus(await operator(t, '/registration_tokens/grants-doomed', undefined, 'DELETE'), 200, 'token deleted');
  expectStatus(await call(t, `/_matrix/client/v1/register/m.login.registration_token/validity?token=grants-doomed`), 200, 'validity');
  for (const path of ['/terms_records', '/terms_records/export', '/audit_log', '/audit_log/export', '/outbox', '/counters', '/switches'])
    expectStatus(await operator(t, path), 200, path);
  expectStatus(await operator(t, '/outbox/retry', {}), 200, 'outbox retry');
  expectStatus(await operator(t, '/switches', { sms_paused: false }, 'PUT'), 200, 'switches set');
}

/** The operator's decisions: one request approved, one denied (by id), one each through the bulk calls. */
export async function decisions(t: FlowTarget, approve: string[], deny: string[]): Promise<void> {
  const listed = await operator(t, '/signup_requests');
  expectStatus(listed, 200, 'requests listed');
  const idOf = (name: string) => listed.body.requests.find((r: { username: string }) => r.username === name)?.id as string;
  const [first, ...bulk] = approve.map(idOf);
  expectStatus(await operator(t, `/signup_requests/${first}`), 200, 'request read');
  expectStatus(await operator(t, `/signup_requests/${first}/approve`, {}), 200, 'approved');
  expectStatus(await operator(t, '/signup_requests/approve', { ids: bulk }), 200, 'bulk approved');
  const [one, ...others] = deny.map(idOf);
  expectStatus(await operator(t, `/signup_requests/${one}/deny`, { reason: 'no' }), 200, 'denied');
  expectStatus(await operator(t, '/signup_requests/deny', { ids: others }), 200, 'bulk denied');
  const left = (await operator(t, '/signup_requests')).body.requests.map((r: { username: string }) => r.username);
  for (const name of [...approve, ...deny]) expect(left).not.toContain(name);
}

/** The console signed in with the operator key: each section, an invitation made and revoked, a switch set. */
export async function operatorConsole(t: FlowTarget): Promise<void> {
  const browser = consoleClient(t.router, { ip: IP });
  expectStatus({ ...(await signIn(browser, { method: 'key', key: t.operatorKey })), body: '' }, 303, 'console sign-in');
  for (const path of ['', '/approvals', '/tokens', '/switches', '/records', '/records/export'])
    expect((await browser.get(path)).status, path).toBe(200);
  expect((await browser.post('/tokens', { uses_allowed: '1' })).status).toBeLessThan(400);
  expect((await browser.post('/switches', { email_paused: 'off' })).status).toBeLessThan(500);
  expect((await browser.post('/sign-out', {})).status).toBeLessThan(400);
}

/** An account's access token from a password login on the homeserver itself. */
export async function login(t: FlowTarget, user: string, password: string): Promise<string> {
  const res = await fetch(`${t.h.homeserver.url}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password }),
  });
  const body = (await res.json()) as { access_token?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token!;
}

export { ADMIN_TOKEN };

/** Calls `path` until the per-IP limit answers 429 (a counted refusal: the part adds it to the sign-up counters). */
export async function overLimit(t: FlowTarget, path: string, body?: unknown): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await call(t, path, body)).status === 429) return;
  throw new Error(`${path} never answered 429`);
}
