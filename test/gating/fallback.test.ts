import { TestClock } from '../support/test-clock.js';
import { describe, expect, it } from 'vitest';
import { REGISTER, type Harness } from '../support/harness.js';
import { call, operator, OPERATOR_KEY, PASSWORD, TOKENS, startWithCaptcha } from './support.js';
import { useHarness } from '../support/use-harness.js';

const SECRET = 'fallback-captcha-secret';
const fallback = (type: string, session: string, prefix = 'v3') =>
  `/_matrix/client/${prefix}/auth/${type}/fallback/web?session=${encodeURIComponent(session)}`;
const form = (h: Harness, type: string, session: string, fields: Record<string, string>) =>
  call(h, fallback(type, session), {
    method: 'POST',
    body: new URLSearchParams({ session, ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('UIA fallback pages', () => {
  const h = useHarness(() =>
    startWithCaptcha(SECRET, {
      captcha: { provider: 'recaptcha', publicKey: 'site"key<script>' },
      clock: new TestClock(Date.now()),
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        registration: { flows: [['m.login.registration_token', 'm.login.recaptcha', 'm.login.terms']] },
      },
    }),
  );

  const newSession = async (username: string) =>
    (await call(h, REGISTER, { body: { username, password: PASSWORD } })).body.session as string;

  it('serves a captcha page with the provider widget, every value escaped, and a CSP that allows only the provider', async () => {
    const page = await call(h, fallback('m.login.recaptcha', 'abc"><script>alert(1)</script>'));
    expect(page.status).toBe(400);
    const session = await newSession('pageviewer');
    const ok = await call(h, fallback('m.login.recaptcha', session, 'r0'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/html/);
    const html = String(ok.body);
    expect(html).toContain('class="g-recaptcha" data-sitekey="site&quot;key&lt;script&gt;"');
    expect(html).toContain(`value="${session}"`);
    expect(html).not.toContain('<script>alert');
    const csp = ok.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('https://www.google.com/recaptcha/');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('completes the captcha stage from the page and ends with onAuthDone / postMessage("authDone")', async () => {
    const session = await newSession('popupuser');
    const wrong = await form(h, 'm.login.recaptcha', session, { 'g-recaptcha-response': 'robot' });
    expect(wrong.status).toBe(200);
    expect(String(wrong.body)).toContain('Captcha authentication failed');
    const done = await form(h, 'm.login.recaptcha', session, { 'g-recaptcha-response': 'pass:chat.example.org:fb1' });
    const html = String(done.body);
    expect(html).toContain('window.onAuthDone()');
    expect(html).toContain('window.opener.postMessage("authDone", "*")');
    const nonce = html.match(/<script nonce="([^"]+)">/)![1]!;
    expect(done.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    const where = await call(h, REGISTER, { body: { auth: { session } } });
    expect(where.body.completed).toEqual(['m.login.recaptcha']);
  });

  it('completes the terms and registration-token stages from their pages; the client then finishes with /register', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'page-token', uses_allowed: 1 } });
    const session = await newSession('pagefinisher');
    const termsPage = await call(h, fallback('m.login.terms', session));
    expect(String(termsPage.body)).toContain('https://example.org/tos-2.1');
    expect(String((await form(h, 'm.login.terms', session, {})).body)).toContain('Please accept the policies');
    expect(String((await form(h, 'm.login.terms', session, { accept: 'yes' })).body)).toContain('onAuthDone');
    expect(String((await call(h, fallback('m.login.registration_token', session))).body)).toContain('name="token"');
    expect(String((await form(h, 'm.login.registration_token', session, { token: 'not-it' })).body)).toContain(
      'Invalid registration token',
    );
    expect(String((await form(h, 'm.login.registration_token', session, { token: 'page-token' })).body)).toContain('onAuthDone');
    await form(h, 'm.login.recaptcha', session, { 'g-recaptcha-response': 'pass:chat.example.org:fb2' });
    const done = await call(h, REGISTER, { body: { auth: { session } } });
    expect(done).toMatchObject({ status: 200, body: { user_id: '@pagefinisher:localhost' } });
  });

  it('answers Matrix errors for a stage without a page, a missing session and an unknown session', async () => {
    expect(await call(h, fallback('m.login.dummy', 'x'))).toMatchObject({ status: 404, body: { errcode: 'M_UNRECOGNIZED' } });
    expect(await call(h, '/_matrix/client/v3/auth/m.login.terms/fallback/web')).toMatchObject({
      status: 400,
      body: { errcode: 'M_MISSING_PARAM' },
    });
    expect(await form(h, 'm.login.terms', 'NoSuchSession', { accept: 'yes' })).toMatchObject({
      status: 400,
      body: { errcode: 'M_UNKNOWN' },
    });
  });
});
