/** The hosted sign-up page end to end: the same engine as POST /register, driven by forms with a cookie and CSRF. */
import { describe, expect, it } from 'vitest';
import { OPERATOR_KEY } from '../support/constants.js';
import { codeInSms, linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { PageBrowser, stepOf } from './page-browser.js';
import { BRAND, PHONE_PAGE_TENANT } from './page-tenants.js';

const PASSWORD = 'a page password 8c1f';

describe('the sign-up page with terms, then dummy or email', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: {
        flows: [
          ['m.login.terms', 'm.login.dummy'],
          ['m.login.terms', 'm.login.email.identity'],
        ],
      },
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>' } },
      pages: { brand: BRAND, elementWebUrl: 'https://app.element.io' },
    },
  });

  it('creates an account through terms and dummy, then shows the Matrix ID and how to start', async () => {
    const browser = new PageBrowser(h.app);
    const first = await browser.open('/signup');
    expect(stepOf(first)).toBe('flow');
    expect(first.html).toContain('Just a username');
    expect(first.html).toContain('With your email address');
    expect(stepOf(await browser.submit('/signup', { step: 'flow', flow: '0' }))).toBe('account');
    const terms = await browser.submit('/signup', {
      step: 'account',
      username: 'pagealice',
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    expect(stepOf(terms)).toBe('m.login.terms');
    const done = await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    expect(stepOf(done)).toBe('done');
    expect(done.html).toContain('data-matrix-id>@pagealice:localhost<');
    expect(done.html).toContain('https://app.element.io/#/login?hs_url=');
    expect(done.html).toContain('https://matrix.to/#/@pagealice:localhost');
    expect(h.homeserver.getUser('@pagealice:localhost')).toBeDefined();
    expect(done.html).not.toMatch(/access_token|syt_/);
    for (const page of browser.pages) expect(page).not.toContain(PASSWORD);
  });

  it('refuses a form whose CSRF field does not match its cookie, with a page', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    const refused = await browser.post('/signup', { step: 'flow', flow: '0' }, 'not-the-csrf');
    expect(refused.status).toBe(403);
    expect(stepOf(refused)).toBe('csrf');
    const noCookie = await new PageBrowser(h.app).post('/signup', { step: 'flow', flow: '0' }, browser.csrf());
    expect(noCookie.status).toBe(403);
  });

  it('shows a mismatched password confirmation and a taken name on their fields, never echoing the password', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'flow', flow: '0' });
    const mismatch = await browser.submit('/signup', {
      step: 'account',
      username: 'pagebob',
      password: PASSWORD,
      password_confirm: 'other',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toMatch(/id="field-password_confirm"[^>]*aria-invalid="true"[^>]*aria-describedby="error-password_confirm"/);
    expect(mismatch.html).toMatch(/<p class="error" id="error-password_confirm" role="alert">/);
    expect(mismatch.html).toContain('value="pagebob"');
    const taken = await browser.submit('/signup', {
      step: 'account',
      username: 'pagealice',
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    expect(taken.status).toBe(400);
    expect(taken.html).toContain('This username is taken');
    expect(taken.html).toMatch(/id="field-username"[^>]*aria-invalid="true"/);
    expect(taken.html).toMatch(/<li><code>pagealice[^<]+<\/code><\/li>/);
    for (const page of browser.pages) expect(page).not.toContain(PASSWORD);
  });

  it('creates an account through terms and email, the link in the mail bringing the person back', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'flow', flow: '1' });
    await browser.submit('/signup', { step: 'account', username: 'pagecarol', password: PASSWORD, password_confirm: PASSWORD });
    const email = await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    expect(stepOf(email)).toBe('m.login.email.identity');
    const sent = await browser.submit('/signup', { step: 'm.login.email.identity', email: 'carol@example.org' });
    expect(stepOf(sent)).toBe('email_sent');
    expect(sent.html).toContain('carol@example.org');

    // The link in the mail, opened as a browser would: submit_token answers with a redirect to the page.
    const link = await linkInMail(h, 'carol@example.org');
    const confirmed = await fetch(`${h.url}${link.pathname}${link.search}`, { redirect: 'manual' });
    expect(confirmed.status).toBe(302);
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${h.url}/signup/continue`);
    const done = await browser.open(`${back.pathname}${back.search}`);
    expect(stepOf(done)).toBe('done');
    expect(done.html).toContain('@pagecarol:localhost');
    expect(h.homeserver.getUser('@pagecarol:localhost')?.threepids).toEqual([
      expect.objectContaining({ medium: 'email', address: 'carol@example.org' }),
    ]);
    for (const page of browser.pages) expect(page).not.toContain(PASSWORD);
  });

  it('sends the mail again with the next send attempt', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'flow', flow: '1' });
    await browser.submit('/signup', { step: 'account', username: 'pagedave', password: PASSWORD, password_confirm: PASSWORD });
    await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    await browser.submit('/signup', { step: 'm.login.email.identity', email: 'dave@example.org' });
    const before = (await h.mail!.mails()).filter((m) => m.to.includes('dave@example.org')).length;
    const resent = await browser.submit('/signup', { step: 'email_resend' });
    expect(stepOf(resent)).toBe('email_sent');
    expect(resent.html).toContain('We sent a new mail');
    expect((await h.mail!.mails()).filter((m) => m.to.includes('dave@example.org')).length).toBe(before + 1);
  });

  it('refuses a mail link that returns to another browser', async () => {
    const stranger = new PageBrowser(h.app);
    const answer = await stranger.open('/signup/continue?sid=abcdef');
    expect(answer.status).toBe(400);
  });

  it('serves its stylesheet as a cacheable file', async () => {
    const page = await new PageBrowser(h.app).open('/signup');
    const css = page.html.match(/href="(\/signup\/static\/[^"]+\.css)"/)![1]!;
    const answer = await h.app.request(css);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toContain('immutable');
    expect(await answer.text()).toContain('prefers-color-scheme:dark');
  });

  it('renders lang and dir from the chosen language', async () => {
    const page = await new PageBrowser(h.app, { 'accept-language': 'xx, en;q=0.5' }).open('/signup');
    expect(page.html).toMatch(/<html lang="en" dir="ltr"/);
  });
});

describe('the sign-up page with a phone number', () => {
  const h = useHarness({
    messaging: true,
    config: PHONE_PAGE_TENANT,
  });

  it('sends a code by SMS, refuses a wrong one on its field, and creates the account with the right one', async () => {
    const browser = new PageBrowser(h.app);
    expect(stepOf(await browser.open('/signup'))).toBe('account');
    await browser.submit('/signup', { step: 'account', username: 'pagephone', password: PASSWORD, password_confirm: PASSWORD });
    const phone = await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    expect(stepOf(phone)).toBe('m.login.msisdn');
    expect(phone.html).toContain('<option value="GB">');
    const code = await browser.submit('/signup', { step: 'm.login.msisdn', country: 'GB', phone: '07400 123456' });
    expect(stepOf(code), code.html.match(/role="alert">[^<]*/)?.[0]).toBe('msisdn_code');
    const wrong = await browser.submit('/signup', {
      step: 'msisdn_code',
      code: '000000' === codeInSms(h, '+447400123456') ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/id="field-code"[^>]*aria-invalid="true"/);
    const done = await browser.submit('/signup', { step: 'msisdn_code', code: codeInSms(h, '+447400123456') });
    expect(stepOf(done)).toBe('done');
    expect(h.homeserver.getUser('@pagephone:localhost')).toBeDefined();
  });
});

describe('the sign-up page with an invitation', () => {
  const h = useHarness({
    config: {
      registration: { flows: [['m.login.registration_token', 'm.login.terms']] },
      pages: { brand: BRAND, publicBaseUrl: 'https://chat.example.org' },
    },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('answers an invite_url for each token, which pre-fills and locks the token on the page', async () => {
    const made = await h.app.request('/_front_door/admin/v1/registration_tokens/new', {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ uses_allowed: 1 }),
    });
    const token = (await made.json()) as { token: string; invite_url: string };
    const invite = new URL(token.invite_url);
    expect(`${invite.origin}${invite.pathname}`).toBe('https://chat.example.org/signup');
    expect(invite.searchParams.get('token')).toBe(token.token);

    const browser = new PageBrowser(h.app);
    const landing = await browser.get(`${invite.pathname}${invite.search}`);
    expect(landing.status).toBe(303);
    expect(landing.location).toBe('/signup');
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'account', username: 'pageinvitee', password: PASSWORD, password_confirm: PASSWORD });
    const tokenStep = browser.pages.at(-1)!;
    expect(tokenStep).toContain('data-step="m.login.registration_token"');
    expect(tokenStep).toMatch(new RegExp(`name="token"[^>]*value="${token.token}"[^>]*readonly`));
    await browser.submit('/signup', { step: 'm.login.registration_token', token: token.token });
    const done = await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    expect(stepOf(done)).toBe('done');
    expect(h.homeserver.getUser('@pageinvitee:localhost')).toBeDefined();
  });
});
