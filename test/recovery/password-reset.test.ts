/**
 * Password reset through the JSON API on the development homeserver: by email (the mail's link) and by phone
 * (the SMS code), the old password refused and the new one accepted, devices signed out unless the client asks
 * otherwise, enumeration-safe answers that cannot be told apart, a proof used once, a deactivated account left
 * alone, and Matrix errors for every mistake.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, linkInMail, startHarness, THREEPID } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import {
  adminUser,
  deactivate,
  type Homeserver,
  login,
  makeAccount,
  PASSWORD_PATH,
  proveEmail,
  provePhone,
  RESET_EMAIL_TOKEN,
  RESET_MSISDN_TOKEN,
  resetWith,
  whoami,
} from './reset-support.js';

const OLD = 'the old and tired password';
const NEW = 'a brand new river of words';
const RESET_CONFIG = { threepid: THREEPID, recovery: {} };

const hsOf = (h: Harness): Homeserver => ({ url: h.homeserver.url, adminToken: ADMIN_TOKEN, serverName: 'localhost' });

describe.each(['shared_secret', 'admin_api'] as const)('password reset (%s)', (mode) => {
  const h = useHarness({ mode, messaging: true, config: RESET_CONFIG });

  it('resets a password by email: the old one fails, the new one logs in, and every device is signed out', async () => {
    const hs = hsOf(h);
    await makeAccount(hs, `mail-${mode}`, OLD, [{ medium: 'email', address: `mail-${mode}@example.org` }]);
    const before = await login(hs, `mail-${mode}`, OLD);
    const creds = await proveEmail(h, `mail-${mode}@example.org`, 'mail-secret');
    const mail = (await h.mail!.mails()).at(-1)!;
    expect(mail.subject).toBe('Reset your Example Chat password');
    // The link, opened again, still confirms, and says where to go on.
    expect(await (await fetch(await linkInMail(h, `mail-${mode}@example.org`))).text()).toContain('reset your password');
    const done = await resetWith(h, 'm.login.email.identity', creds, NEW);
    expect(done).toMatchObject({ status: 200, body: {} });
    expect((await login(hs, `mail-${mode}`, OLD)).body.errcode).toBe('M_FORBIDDEN');
    expect((await login(hs, `mail-${mode}`, NEW)).status).toBe(200);
    expect((await whoami(hs, before.body.access_token)).status).toBe(401);
  });

  it('resets a password by phone and keeps the devices when logout_devices is false', async () => {
    const hs = hsOf(h);
    const digit = mode === 'admin_api' ? '1' : '2';
    const phone = { country: 'GB', number: `07400 12346${digit}`, e164: `+44740012346${digit}` };
    await makeAccount(hs, `phone-${mode}`, OLD, [{ medium: 'msisdn', address: phone.e164.slice(1) }]);
    const before = await login(hs, `phone-${mode}`, OLD);
    const creds = await provePhone(h, phone, 'phone-secret');
    expect(h.outbox!.messages().at(-1)!.body).toMatch(/password reset code/);
    const done = await resetWith(h, 'm.login.msisdn', creds, NEW, { logout_devices: false });
    expect(done.status).toBe(200);
    expect((await login(hs, `phone-${mode}`, NEW)).status).toBe(200);
    expect((await whoami(hs, before.body.access_token)).status).toBe(200);
  });

  it('does nothing the second time a proof is used: not in the same session, not in a new one', async () => {
    const hs = hsOf(h);
    await makeAccount(hs, `twice-${mode}`, OLD, [{ medium: 'email', address: `twice-${mode}@example.org` }]);
    const creds = await proveEmail(h, `twice-${mode}@example.org`, 'twice-secret');
    const first = await h.post(PASSWORD_PATH, { new_password: NEW });
    const auth = { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds };
    expect((await h.post(PASSWORD_PATH, { new_password: NEW, auth })).status).toBe(200);
    const token = (await login(hs, `twice-${mode}`, NEW)).body.access_token;
    // The same final call again (its answer lost): the same 200, and nothing changes (the new device stays).
    expect(await h.post(PASSWORD_PATH, { new_password: NEW, auth })).toMatchObject({ status: 200, body: {} });
    expect((await whoami(hs, token)).status).toBe(200);
    // The same session asked for another password: refused.
    expect((await h.post(PASSWORD_PATH, { new_password: 'yet another password', auth })).body.errcode).toBe('M_UNKNOWN');
    // The same link in a new session: refused, and the password stays.
    const again = await resetWith(h, 'm.login.email.identity', creds, 'a third password here');
    expect(again.status).toBe(401);
    expect(again.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
    expect((await login(hs, `twice-${mode}`, NEW)).status).toBe(200);
    expect((await whoami(hs, token)).status).toBe(200);
  });

  it('two final calls racing set the password once', async () => {
    const hs = hsOf(h);
    await makeAccount(hs, `race-${mode}`, OLD, [{ medium: 'email', address: `race-${mode}@example.org` }]);
    const creds = await proveEmail(h, `race-${mode}@example.org`, 'race-secret');
    const first = await h.post(PASSWORD_PATH, { new_password: NEW });
    const auth = { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds };
    const answers = await Promise.all([1, 2, 3].map(() => h.post(PASSWORD_PATH, { new_password: NEW, auth })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await login(hs, `race-${mode}`, NEW)).status).toBe(200);
    const session = (await h.items()).find((i) => i.pk === `reset#${first.body.session}`);
    expect(session).toMatchObject({ status: 'done', userId: `@race-${mode}:localhost` });
    // Nothing in clear: no password, only a keyed hash of it.
    expect(JSON.stringify(await h.items())).not.toContain(NEW);
  });

  it('a homeserver failure while setting the password leaves the reset resumable: the same call again finishes it', async () => {
    const hs = hsOf(h);
    await makeAccount(hs, `fault-${mode}`, OLD, [{ medium: 'email', address: `fault-${mode}@example.org` }]);
    const creds = await proveEmail(h, `fault-${mode}@example.org`, 'fault-secret');
    const first = await h.post(PASSWORD_PATH, { new_password: NEW });
    const auth = { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds };
    h.homeserver.injectFault({ route: 'POST /_synapse/admin/v1/reset_password', kind: 'status500' });
    expect(await h.post(PASSWORD_PATH, { new_password: NEW, auth })).toMatchObject({ status: 503, body: { errcode: 'M_UNKNOWN' } });
    expect((await login(hs, `fault-${mode}`, OLD)).status).toBe(200);
    expect((await h.post(PASSWORD_PATH, { new_password: NEW, auth })).status).toBe(200);
    expect((await login(hs, `fault-${mode}`, NEW)).status).toBe(200);
  });

  it('leaves a deactivated account alone', async () => {
    const hs = hsOf(h);
    const userId = await makeAccount(hs, `gone-${mode}`, OLD, [{ medium: 'email', address: `gone-${mode}@example.org` }]);
    const creds = await proveEmail(h, `gone-${mode}@example.org`, 'gone-secret');
    expect((await deactivate(hs, userId)).status).toBe(200);
    const answer = await resetWith(h, 'm.login.email.identity', creds, NEW);
    expect(answer).toMatchObject({ status: 404, body: { errcode: 'M_NOT_FOUND' } });
    expect((await adminUser(hs, userId)).body.deactivated).toBeTruthy();
    expect((await login(hs, `gone-${mode}`, NEW)).status).toBe(403);
  });
});

describe('password reset: errors are Matrix errors', () => {
  const h = useHarness({ messaging: true, config: RESET_CONFIG });

  it('refuses an address no account uses with M_THREEPID_NOT_FOUND, and sends nothing', async () => {
    const before = (await h.mail!.mails()).length;
    const email = await h.post(RESET_EMAIL_TOKEN, { client_secret: 's1', email: 'nobody@example.org', send_attempt: 1 });
    expect(email).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_NOT_FOUND' } });
    const phone = await h.post(RESET_MSISDN_TOKEN, { client_secret: 's1', country: 'GB', phone_number: '07400 123469', send_attempt: 1 });
    expect(phone).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_NOT_FOUND' } });
    expect((await h.mail!.mails()).length).toBe(before);
  });

  it('answers the first call with the flows, and checks the new password before anything else', async () => {
    const first = await h.post(PASSWORD_PATH, {});
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([{ stages: ['m.login.email.identity'] }, { stages: ['m.login.msisdn'] }]);
    expect(first.body.session).toMatch(/^[A-Za-z]{24}$/);
    expect((await h.post(PASSWORD_PATH, { new_password: 'short' })).body.errcode).toBe('M_WEAK_PASSWORD');
    expect((await h.post(PASSWORD_PATH, { logout_devices: 'yes' })).body.errcode).toBe('M_BAD_JSON');
    expect((await h.post(PASSWORD_PATH, { auth: { session: 'nonexistent' } })).status).toBe(400);
    const unknownType = await h.post(PASSWORD_PATH, { auth: { type: 'm.login.dummy', session: first.body.session } });
    expect(unknownType.body.errcode).toBe('M_UNRECOGNIZED');
  });

  it('refuses creds that are not confirmed, belong to a sign-up, or carry the wrong secret', async () => {
    await makeAccount(hsOf(h), 'errs', OLD, [{ medium: 'email', address: 'errs@example.org' }]);
    const requested = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'errs-secret', email: 'errs@example.org', send_attempt: 1 });
    const session = (await h.post(PASSWORD_PATH, { new_password: NEW })).body.session;
    const tryCreds = (creds: object) => h.post(PASSWORD_PATH, { auth: { type: 'm.login.email.identity', session, threepid_creds: creds } });
    expect((await tryCreds({ sid: requested.body.sid, client_secret: 'errs-secret' })).body.errcode).toBe('M_UNAUTHORIZED');
    expect((await tryCreds({ sid: requested.body.sid, client_secret: 'other' })).body.errcode).toBe('M_THREEPID_AUTH_FAILED');
    expect((await tryCreds({})).body.errcode).toBe('M_MISSING_PARAM');
    // A sign-up's validation of the same address never resets a password.
    const signup = await h.post('/_matrix/client/v3/register/email/requestToken', {
      client_secret: 'errs-secret',
      email: 'fresh@example.org',
      send_attempt: 1,
    });
    expect((await tryCreds({ sid: signup.body.sid, client_secret: 'errs-secret' })).body.errcode).toBe('M_THREEPID_AUTH_FAILED');
    expect((await login(hsOf(h), 'errs', OLD)).status).toBe(200);
  });

  it('passes a logged-in change of password (with an access token) to the homeserver untouched', async () => {
    const hs = hsOf(h);
    await makeAccount(hs, 'loggedin', OLD, []);
    const token = (await login(hs, 'loggedin', OLD)).body.access_token;
    const answer = await h.post(PASSWORD_PATH, { new_password: NEW }, { headers: { authorization: `Bearer ${token}` } });
    // The homeserver's own UIA (a password stage), not the front door's reset flows.
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body.flows)).toContain('m.login.password');
  });
});

describe('password reset: enumeration-safe', () => {
  const h = useHarness({ messaging: true, config: { threepid: THREEPID, recovery: { enumerationSafe: true } } });

  it('answers an address with and without an account alike, and mails a notice without a link to the unknown one', async () => {
    await makeAccount(hsOf(h), 'known', OLD, [{ medium: 'email', address: 'known@example.org' }]);
    const known = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'safe-1', email: 'known@example.org', send_attempt: 1 });
    const unknown = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'safe-1', email: 'unknown@example.org', send_attempt: 1 });
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(unknown.body.sid).toMatch(/^[0-9a-zA-Z.=_-]{32}$/);
    const mails = await h.mail!.mails();
    const notice = mails.find((m) => m.to.includes('unknown@example.org'))!;
    expect(notice.text).toContain('no account uses it');
    expect(notice.text).not.toMatch(/submit_token|https?:/);
    expect(mails.find((m) => m.to.includes('known@example.org'))!.text).toContain('submit_token');
    const phone = await h.post(RESET_MSISDN_TOKEN, {
      client_secret: 'safe-1',
      country: 'GB',
      phone_number: '07400 123468',
      send_attempt: 1,
    });
    expect(phone.status).toBe(200);
    expect(h.outbox!.messages().at(-1)!.body).not.toMatch(/\d{6}/);
  });
});

it('refuses a recovery config without email or phone verification', async () => {
  await expect(startHarness({ config: { recovery: {} } })).rejects.toThrow(/recovery needs threepid/);
});

describe('password reset: per-IP limit', () => {
  const h = useHarness({
    messaging: true,
    config: { threepid: THREEPID, recovery: {}, rateLimits: { register: { max: 2, windowSeconds: 60 } } },
  });

  it('spends the same per-IP allowance as POST /register: the third call is 429 with Retry-After', async () => {
    expect((await h.post(PASSWORD_PATH, {})).status).toBe(401);
    expect((await h.post('/_matrix/client/v3/register', {})).status).toBe(401);
    const limited = await h.post(PASSWORD_PATH, {});
    expect(limited).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
