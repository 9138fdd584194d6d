/**
 * The sign-up page when the account waits for an operator: a page of its own (no form to send again) that
 * says how the decision will be told, in the page's language; reloaded, it shows the decision once made.
 */
import { describe, expect, it } from 'vitest';
import { OPERATOR_KEY } from '../support/constants.js';
import { linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { operator, REQUESTS, requestOf } from '../approval/support.js';
import { PageBrowser, stepOf } from './page-browser.js';
import { BRAND } from './page-tenants.js';

const PASSWORD = 'a waiting page password 51';
const POLICIES = { policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' };

/** Account then terms (the dummy stage is the page's own): the page the last step ends on. */
async function signUp(browser: PageBrowser, username: string) {
  await browser.open('/signup');
  await browser.submit('/signup', { step: 'account', username, password: PASSWORD, password_confirm: PASSWORD });
  return browser.submit('/signup', { step: 'm.login.terms', ...POLICIES });
}

describe('the sign-up page of a tenant that approves every sign-up', () => {
  const h = useHarness({
    config: {
      registration: { flows: [['m.login.terms', 'm.login.dummy']] },
      approval: { when: { always: true } },
      pages: { brand: BRAND },
    },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('ends on the waiting page: no form, says no message will come, one request however often it is reloaded or resent', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'account', username: 'paige', password: PASSWORD, password_confirm: PASSWORD });
    const termsCsrf = browser.csrf();
    const waiting = await browser.submit('/signup', { step: 'm.login.terms', ...POLICIES });
    expect(stepOf(waiting)).toBe('awaiting');
    expect(waiting.status).toBe(200);
    expect(waiting.html).toContain('<h1>Waiting for approval</h1>');
    expect(waiting.html).toContain('the operators of this server must approve it');
    expect(waiting.html).toContain('data-notice-medium="m.none"');
    expect(waiting.html).toContain('You will not get a message about their decision');
    expect(waiting.html).not.toContain('<form');
    expect(waiting.html).not.toContain('role="alert"');

    // The terms form sent again (the back button): the page shows where the sign-up stands, nothing is redone.
    const resent = await browser.submit('/signup', { step: 'm.login.terms', ...POLICIES }, termsCsrf);
    expect(stepOf(resent)).toBe('awaiting');
    expect(stepOf(await browser.open('/signup'))).toBe('awaiting');
    const listed = (await operator(h, REQUESTS)).body.requests.filter((r: { username: string }) => r.username === 'paige');
    expect(listed).toHaveLength(1);
    expect(h.homeserver.getUser('@paige:localhost')).toBeUndefined();
    for (const page of browser.pages) expect(page).not.toContain(PASSWORD);
  });

  it('shows the account once an operator approved it', async () => {
    const browser = new PageBrowser(h.app);
    await signUp(browser, 'quinn');
    const request = await requestOf(h, 'quinn');
    expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);
    const done = await browser.open('/signup');
    expect(stepOf(done)).toBe('done');
    expect(done.html).toContain('data-matrix-id>@quinn:localhost<');
    expect(done.html).not.toMatch(/access_token|syt_/);
  });

  it('says the sign-up no longer waits once it was denied, and offers to start again', async () => {
    const browser = new PageBrowser(h.app);
    await signUp(browser, 'rhea');
    const request = await requestOf(h, 'rhea');
    expect((await operator(h, `${REQUESTS}/${request.id}/deny`, { body: {} })).status).toBe(200);
    const closed = await browser.open('/signup');
    expect(stepOf(closed)).toBe('awaiting_closed');
    expect(closed.html).toContain('This sign-up is no longer waiting');
    expect(closed.html).toContain('href="/signup?restart=1"');
    expect(closed.html).not.toContain('<form');
    expect(stepOf(await browser.open('/signup?restart=1'))).toBe('account');
  });

  it('is written in the page’s language: German', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup?lang=de');
    await browser.submit('/signup', { step: 'account', username: 'sven', password: PASSWORD, password_confirm: PASSWORD });
    const waiting = await browser.submit('/signup', { step: 'm.login.terms', ...POLICIES });
    expect(stepOf(waiting)).toBe('awaiting');
    expect(waiting.html).toMatch(/^<!doctype html>\n<html lang="de"/);
    expect(waiting.html).toContain('<h1>Warten auf Freigabe</h1>');
    expect(waiting.html).toContain('Über die Entscheidung erhalten Sie keine Nachricht');
  });
});

describe('the sign-up page of a tenant that approves sign-ups with a verified email', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.terms', 'm.login.email.identity']] },
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>' } },
      approval: { when: { always: true } },
      pages: { brand: BRAND },
    },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('says the decision will come by email to the confirmed address', async () => {
    const browser = new PageBrowser(h.app);
    await signUp(browser, 'tess');
    await browser.submit('/signup', { step: 'm.login.email.identity', email: 'tess@example.org' });
    const link = await linkInMail(h, 'tess@example.org');
    const confirmed = await fetch(`${h.url}${link.pathname}${link.search}`, { redirect: 'manual' });
    const back = new URL(confirmed.headers.get('location')!);
    const waiting = await browser.open(`${back.pathname}${back.search}`);
    expect(stepOf(waiting)).toBe('awaiting');
    expect(waiting.html).toContain('data-notice-medium="m.email"');
    expect(waiting.html).toContain('We will send an email to the address you confirmed');
  });
});
