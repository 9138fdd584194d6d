/**
 * Errors on the page: each is a sentence in an element with role=alert, the field at fault is marked
 * aria-invalid and names the sentence in aria-describedby, focus goes to it, and axe still finds nothing.
 * With JavaScript and without.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  acceptAllPolicies,
  expectFieldError,
  expectStep,
  field,
  fillAccount,
  FLOWS,
  PASSWORD,
  signupUrl,
  startSignupSite,
  submitStep,
  waitFor,
} from './support/signup-site.js';
import { codeInSms, type Harness, SHARED_SECRET } from '../support/harness.js';
import { sharedSecretMac } from '../../local/dev-homeserver/index.js';
import { useHarness } from '../support/use-harness.js';

/** The field that has the keyboard focus, by its name. */
const focusedField = (page: Page) =>
  page
    .locator(':focus')
    .getAttribute('name', { timeout: 1_000 })
    .catch(() => null);

describeInBrowser('sign-up page: errors', (browser) => {
  const h = useHarness(() => startSignupSite([...FLOWS.phone]));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    const suffix = javaScriptEnabled ? 'js' : 'nojs';

    it(`says a taken name is taken, on the username field (${label})`, async () => {
      await takeName(h, `taken-${suffix}`);
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await fillAccount(page, `taken-${suffix}`);
        await submitStep(page);
        await expectFieldError(page, 'username');
        await expectStep(page, 'account');
        await expect.poll(() => focusedField(page)).toBe('username');
        // The password is never sent back: the person types it again.
        expect(await page.content()).not.toContain(PASSWORD);
        if (javaScriptEnabled) await expectNoAxeViolations(page, 'the account step with an error');
      });
    });

    it(`says a weak password is too weak, on the password field (${label})`, async () => {
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await fillAccount(page, `weak-${suffix}`, 'short');
        await submitStep(page);
        await expectFieldError(page, 'password');
        await expectStep(page, 'account');
        await expect.poll(() => focusedField(page)).toBe('password');
        expect(await field(page, 'username').inputValue()).toBe(`weak-${suffix}`);
        if (javaScriptEnabled) await expectNoAxeViolations(page, 'the account step with a weak password');
      });
    });

    it(`says when the two passwords differ, on the confirmation (${label})`, async () => {
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await fillAccount(page, `differ-${suffix}`, PASSWORD, `${PASSWORD}!`);
        await submitStep(page);
        await expectFieldError(page, 'password_confirm');
        await expectStep(page, 'account');
      });
    });

    it(`says a wrong code is wrong, on the code field, and takes the right one after (${label})`, async () => {
      const e164 = javaScriptEnabled ? '+447400123460' : '+447400123461';
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await fillAccount(page, `wrong-${suffix}`);
        await submitStep(page);
        await expectStep(page, 'm.login.terms');
        await acceptAllPolicies(page);
        await submitStep(page);
        await expectStep(page, 'm.login.msisdn');
        await field(page, 'country').selectOption('GB');
        await field(page, 'phone').fill(`0${e164.slice(3)}`);
        await submitStep(page);
        await field(page, 'code').waitFor();
        const code = await waitForCode(e164);
        await field(page, 'code').fill(code === '000000' ? '111111' : '000000');
        await submitStep(page);
        await expectFieldError(page, 'code');
        await expect.poll(() => focusedField(page)).toBe('code');
        if (javaScriptEnabled) await expectNoAxeViolations(page, 'the code step with a wrong code');
        await field(page, 'code').fill(code);
        await submitStep(page);
        await expectStep(page, 'done');
      });
    });
  }

  const waitForCode = (e164: string) => waitFor(() => codeInSms(h, e164));

  /** An account made on the homeserver directly (shared-secret registration), so its name is taken. */
  async function takeName(h: Harness, username: string): Promise<void> {
    const url = `${h.homeserver.url}/_synapse/admin/v1/register`;
    const { nonce } = (await (await fetch(url)).json()) as { nonce: string };
    const password = 'someone else';
    const mac = sharedSecretMac(SHARED_SECRET, { nonce, username, password, admin: false });
    const answer = await fetch(url, { method: 'POST', body: JSON.stringify({ nonce, username, password, admin: false, mac }) });
    expect(answer.status).toBe(200);
  }
});

describeInBrowser('sign-up page: rate limited', (browser) => {
  const tight = { max: 3, windowSeconds: 600 };
  const h = useHarness(() =>
    startSignupSite(FLOWS.termsAndDummy, { config: { rateLimits: { register: tight, available: tight, fallback: tight } } }),
  );

  it('says so in a sentence, and when to try again, once the client has sent too many sign-ups', async () => {
    await inPage(browser(), {}, async (page, context) => {
      let refused: { status: number; retryAfter: string | null } | undefined;
      page.on('response', (response) => {
        if (response.request().method() === 'POST' && response.status() === 429)
          refused = { status: response.status(), retryAfter: response.headers()['retry-after'] ?? null };
      });
      // Three sign-up posts are allowed in the window; the fourth is refused.
      for (let attempt = 0; attempt < 6 && !refused; attempt++) {
        // A new person each time (the cookie holds the sign-up), from the same address.
        await context.clearCookies();
        await page.goto(signupUrl(h));
        await fillAccount(page, `many-${attempt}`);
        await submitStep(page);
        // The answer, whether a new document or (with the page's script) a new <main>: the next step or the refusal.
        await page.locator('main[data-step]:not([data-step="account"])').waitFor();
      }
      expect(refused).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) });
      const said = (await page.locator('main').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
      expect(said).toMatch(/\d+ ?(minute|second)/);
      expect(said).not.toMatch(/M_LIMIT_EXCEEDED|errcode/);
      await expectNoAxeViolations(page, 'the rate-limited page');
    });
  });
});
