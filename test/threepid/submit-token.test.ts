/** submit_token: the link in a mail and the code from an SMS, their pages, caps, expiry and next_link. */
import { afterEach, describe, expect, it } from 'vitest';
import { codeInSms, linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { EMAIL_TOKEN, MSISDN_TOKEN, SUBMIT_MSISDN } from '../support/constants.js';

let h: Harness;
afterEach(async () => {
  const open = h;
  h = undefined as unknown as Harness;
  await open?.close();
});

const start = (threepid: Record<string, unknown> = {}, clock = new TestClock()) =>
  startHarness({
    messaging: true,
    clock,
    config: { registration: { flows: [['m.login.email.identity'], ['m.login.msisdn']] }, threepid: { ...THREEPID, ...threepid } },
  });

async function mailLink(email: string, extra: Record<string, unknown> = {}, clientSecret = 'cs-mail'): Promise<{ sid: string; link: URL }> {
  const answer = await h.post(EMAIL_TOKEN, { client_secret: clientSecret, email, send_attempt: 1, ...extra });
  expect(answer.status).toBe(200);
  return { sid: answer.body.sid, link: await linkInMail(h, email) };
}

async function smsCode(phone = '07400 123456'): Promise<{ sid: string; code: string }> {
  const answer = await h.post(MSISDN_TOKEN, { client_secret: 'cs-sms', country: 'GB', phone_number: phone, send_attempt: 1 });
  expect(answer.status).toBe(200);
  return { sid: answer.body.sid, code: codeInSms(h, `+${answer.body.msisdn}`) };
}

const submitCode = (sid: string, token: string, client_secret = 'cs-sms') => h.post(SUBMIT_MSISDN, { sid, client_secret, token });

const pageText = async (url: URL | string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
};

describe('the email link', () => {
  it('shows a clear page for each failure and still shows success when a used link is clicked again', async () => {
    h = await start();
    const { link } = await mailLink('page@example.org');
    const variant = (change: (u: URL) => void) => {
      const u = new URL(link);
      change(u);
      return u;
    };
    const wrongToken = await pageText(variant((u) => u.searchParams.set('token', 'A'.repeat(32))));
    expect(wrongToken.status).toBe(400);
    expect(wrongToken.text).toContain('This link is not valid');
    const wrongSecret = await pageText(variant((u) => u.searchParams.set('client_secret', 'another')));
    expect(wrongSecret.text).toContain('does not belong to this sign-up');
    const unknown = await pageText(variant((u) => u.searchParams.set('sid', 'nosuchsid')));
    expect(unknown.text).toContain('Unknown confirmation link');
    const missing = await pageText(variant((u) => u.searchParams.delete('token')));
    expect(missing.text).toContain('Incomplete confirmation link');

    const ok = await pageText(link);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Email address confirmed');
    const again = await pageText(link);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Email address confirmed');
    for (const page of [wrongToken, ok]) {
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.text).not.toContain('<script');
    }
  });

  it('escapes what it shows: a brand name with markup comes out as text', async () => {
    h = await start({ brandName: '<img src=x onerror=alert(1)> & Co' });
    const { link } = await mailLink('esc@example.org');
    const page = await pageText(link);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    const mail = (await h.mail!.mails()).at(-1)!;
    expect(mail.html).not.toContain('<img src=x');
  });

  it('expires with its lifetime', async () => {
    const clock = new TestClock();
    h = await start({ email: { ...THREEPID.email, tokenLifetimeSeconds: 600 } }, clock);
    const { link } = await mailLink('late@example.org');
    clock.advance(601_000);
    const page = await pageText(link);
    expect(page.status).toBe(400);
    expect(page.text).toContain('This link has expired');
  });

  it('redirects to an allowed next_link with the sid appended', async () => {
    h = await start({ nextLinkDomains: ['example.org'] });
    const { sid, link } = await mailLink('next@example.org', { next_link: 'https://app.example.org/welcome?step=2' });
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location')!);
    expect(target.origin + target.pathname).toBe('https://app.example.org/welcome');
    expect(target.searchParams.get('step')).toBe('2');
    expect(target.searchParams.get('sid')).toBe(sid);
  });

  it('refuses a next_link that is not http(s), carries credentials, or leaves the allowed hosts', async () => {
    h = await start({ nextLinkDomains: ['example.org'] });
    for (const next_link of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.org/x',
      'https://evil.example.com/',
      'https://example.org.evil.com/',
      'https://user:pw@example.org/',
      '//example.org/x',
      'not a url',
    ]) {
      const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'nl@example.org', send_attempt: 1, next_link });
      expect(answer.status, next_link).toBe(400);
      expect(answer.body.errcode, next_link).toBe('M_INVALID_PARAM');
    }
  });

  it('without allowed hosts, still takes only http(s) next_links', async () => {
    h = await start();
    const bad = await h.post(EMAIL_TOKEN, {
      client_secret: 'cs',
      email: 'nl2@example.org',
      send_attempt: 1,
      next_link: 'javascript:alert(document.domain)',
    });
    expect(bad.body.errcode).toBe('M_INVALID_PARAM');
    const { link } = await mailLink('nl3@example.org', { next_link: 'http://localhost:3000/done' });
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:3000\/done\?sid=/);
  });
});

describe('the SMS code', () => {
  it('answers success false for a wrong code and true for the right one', async () => {
    h = await start();
    const { sid, code } = await smsCode();
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await submitCode(sid, wrong)).body).toEqual({ success: false });
    expect((await submitCode(sid, code)).body).toEqual({ success: true });
    expect((await submitCode(sid, code)).body).toEqual({ success: true });
    expect((await submitCode(sid, code, 'not-the-secret')).body).toEqual({ success: false });
  });

  it('caps wrong codes: after five, even the right code fails and a new requestToken is needed', async () => {
    h = await start();
    const { sid, code } = await smsCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await submitCode(sid, wrong)).body.success).toBe(false);
    expect((await submitCode(sid, code)).body.success).toBe(false);

    const fresh = await h.post(MSISDN_TOKEN, { client_secret: 'cs-sms', country: 'GB', phone_number: '07400 123456', send_attempt: 2 });
    expect(fresh.status).toBe(200);
    expect((await submitCode(fresh.body.sid, codeInSms(h, '+447400123456'))).body.success).toBe(true);
  });

  it('holds the cap under parallel guessing: at most five guesses are ever compared', async () => {
    h = await start({ maxCodeAttempts: 5 });
    const { sid, code } = await smsCode();
    const guesses = Array.from({ length: 40 }, (_, i) => String(i).padStart(6, '0')).filter((g) => g !== code);
    await Promise.all(guesses.map((g) => submitCode(sid, g)));
    expect((await submitCode(sid, code)).body.success).toBe(false);
    const item = (await h.items()).find((i) => String(i.pk).includes(sid))!;
    expect(item.attempts).toBeGreaterThanOrEqual(5);
  });

  it('expires with its lifetime', async () => {
    const clock = new TestClock();
    h = await start({ msisdn: { ...THREEPID.msisdn, tokenLifetimeSeconds: 300 } }, clock);
    const { sid, code } = await smsCode();
    clock.advance(301_000);
    expect((await submitCode(sid, code)).body.success).toBe(false);
  });

  it('refuses a malformed submission as a Matrix error', async () => {
    h = await start();
    expect((await h.post(SUBMIT_MSISDN, { sid: 'x' })).body.errcode).toBe('M_MISSING_PARAM');
    expect((await h.post(SUBMIT_MSISDN, 'nope')).body.errcode).toBe('M_NOT_JSON');
  });
});

describe('the 3PID stages of /register', () => {
  it('refuse credentials of another medium or another client_secret, and accept the older threePidCreds', async () => {
    const clock = new TestClock();
    h = await start({}, clock);
    const first = await h.post(REGISTER, { username: 'stagey', password: 'correct horse battery' });
    const session = first.body.session;
    const { sid, link } = await mailLink('stage@example.org');
    await fetch(link);
    const attempt = (type: string, creds: Record<string, unknown>) => h.post(REGISTER, { auth: { type, session, threepid_creds: creds } });

    const asPhone = await attempt('m.login.msisdn', { sid, client_secret: 'cs-mail' });
    expect(asPhone.status).toBe(401);
    expect(asPhone.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
    const otherSecret = await attempt('m.login.email.identity', { sid, client_secret: 'guess' });
    expect(otherSecret.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
    const noCreds = await h.post(REGISTER, { auth: { type: 'm.login.email.identity', session } });
    expect(noCreds.status).toBe(401);
    expect(noCreds.body.errcode).toBe('M_MISSING_PARAM');
    // Older clients send threePidCreds.
    const legacy = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session, threePidCreds: { sid, client_secret: 'cs-mail' } },
    });
    expect(legacy.status).toBe(200);
    expect(legacy.body.user_id).toBe('@stagey:localhost');
  });

  it('refuse a validation that has outlived its lifetime', async () => {
    const clock = new TestClock();
    h = await start({ email: { ...THREEPID.email, tokenLifetimeSeconds: 600 } }, clock);
    const first = await h.post(REGISTER, { username: 'tardy', password: 'correct horse battery' });
    const { sid, link } = await mailLink('tardy@example.org');
    await fetch(link);
    clock.advance(601_000);
    const stage = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: { sid, client_secret: 'cs-mail' } },
    });
    expect(stage.status).toBe(401);
    expect(stage.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
  });

  it('re-checks the address at creation: bound to someone else meanwhile is M_THREEPID_IN_USE, and no account is made', async () => {
    h = await start();
    const first = await h.post(REGISTER, { username: 'slowpoke', password: 'correct horse battery' });
    const { sid, link } = await mailLink('race@example.org');
    await fetch(link);
    const res = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/@quick:localhost`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.secrets.homeserverAdminToken}` },
      body: JSON.stringify({ password: 'pw pw pw pw', threepids: [{ medium: 'email', address: 'race@example.org' }] }),
    });
    expect(res.status).toBe(201);
    const done = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: { sid, client_secret: 'cs-mail' } },
    });
    expect(done.status).toBe(400);
    expect(done.body.errcode).toBe('M_THREEPID_IN_USE');
    expect(h.homeserver.getUser('@slowpoke:localhost')).toBeUndefined();
  });
});
