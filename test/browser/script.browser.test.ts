/**
 * What the page's script adds when JavaScript is on: the username checked while typing, a strength meter
 * and a match line under the passwords, and steps sent without reloading the page (focus on the new
 * heading, or on the field in error). The page's CSP stays strict: the script runs by its nonce alone.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, inPage } from './support/chromium.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  acceptAllPolicies,
  expectDonePage,
  expectFieldError,
  expectStep,
  field,
  fillAccount,
  FLOWS,
  signupUrl,
  startSignupSite,
  submitStep,
} from './support/signup-site.js';
import { useHarness } from '../support/use-harness.js';

/** The live line the script keeps beside a field (aria-live, named by the field's aria-describedby). */
const liveLine = (page: Page, kind: string, name: string) => page.locator(`[id="${kind}-${name}"]`);

/** The focused element by its name, or its tag when it has none (the heading). The tsconfig has no DOM types: strings. */
const focused = (page: Page) =>
  page.evaluate<string | null>(`(() => {
    const el = document.activeElement;
    return el ? (el.getAttribute('name') ?? el.tagName.toLowerCase()) : null;
  })()`);

/** The meter's value (the property reflects the attribute). */
const meterValue = (page: Page) => page.locator('meter').getAttribute('value');
const marker = (page: Page) => page.evaluate('window.__marker');

describeInBrowser('sign-up page: with its script', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.termsAndDummy));

  it('loads one script by the page nonce, from a content-hashed immutable name, under a CSP without unsafe-inline or eval', async () => {
    await inPage(browser(), {}, async (page) => {
      const answer = await page.goto(signupUrl(h));
      const csp = answer?.headers()['content-security-policy'] ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toMatch(/^'nonce-[^']+'$/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      const src = await page.locator('script[src]').first().getAttribute('src');
      expect(src).toMatch(/^\/signup\/static\/signup-[0-9a-f]{12}\.js$/);
      const file = await page.request.get(`${h.url}${src}`);
      expect(file.headers()['cache-control']).toContain('immutable');
      expect(file.headers()['content-type']).toContain('javascript');
    });
  });

  it('says while the person types whether the username is free, without blocking the form', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      const line = liveLine(page, 'available', 'username');
      await field(page, 'username').fill('lively-free');
      await expect.poll(() => line.textContent()).toBe('This username is available.');
      expect(await line.getAttribute('aria-live')).toBe('polite');
      expect(await field(page, 'username').getAttribute('aria-describedby')).toContain('available-username');
      // A name someone already has: the catalogue's sentence, shown beside the field.
      await fillAccount(page, 'lively-taken');
      await submitStep(page);
      await expectStep(page, 'm.login.terms');
      await page.context().clearCookies();
      await page.goto(signupUrl(h));
      await field(page, 'username').fill('lively-taken');
      await expect.poll(() => liveLine(page, 'available', 'username').textContent()).toBe('This username is taken. Choose another one.');
      await field(page, 'username').fill('Not Valid!');
      await expect.poll(() => liveLine(page, 'available', 'username').textContent()).toMatch(/cannot be used/);
      // It blocks nothing: the form still goes, and the server's answer is what counts.
      await fillAccount(page, 'Not Valid!');
      await submitStep(page);
      await expectFieldError(page, 'username');
      await expectNoAxeViolations(page, 'the account step with the live username line');
    });
  });

  it('shows a strength meter that follows the password, and whether the two passwords match', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      const label = liveLine(page, 'strength', 'password');
      // zxcvbn-ts's estimate, from the front door: the score, the level in words and what weakens it most.
      await field(page, 'password').fill('password');
      await expect.poll(() => meterValue(page)).toBe('0');
      await expect.poll(() => label.textContent()).toMatch(/^Password strength: very weak\. /);
      expect(await label.getAttribute('aria-live')).toBe('polite');
      await field(page, 'password').fill('a long and quiet river');
      await expect.poll(() => meterValue(page)).toBe('4');
      await expect.poll(() => label.textContent()).toBe('Password strength: strong.');
      const match = liveLine(page, 'match', 'password_confirm');
      await field(page, 'password_confirm').fill('a long and quiet lake!');
      await expect.poll(() => match.textContent()).toMatch(/not the same/);
      await field(page, 'password_confirm').fill('a long and quiet river');
      await expect.poll(() => match.textContent()).toBe('The two passwords match.');
      // The username typed above the password counts as a guessable word.
      await field(page, 'username').fill('riverquiet');
      await field(page, 'password').fill('riverquiet2026');
      await expect.poll(() => label.textContent()).toMatch(/Leave out your username/);
      await expectNoAxeViolations(page, 'the account step with the strength meter');
    });
  });

  it('speaks the person’s language in what it adds', async () => {
    await inPage(browser(), { locale: 'de-DE' }, async (page) => {
      await page.goto(signupUrl(h, '?lang=de'));
      await field(page, 'password').fill('a long and quiet river');
      await expect.poll(() => liveLine(page, 'strength', 'password').textContent()).toBe('Passwortstärke: stark.');
    });
  });

  it('sends each step without reloading the page, moving focus to the new heading, and to the field in error', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      await page.evaluate(`window.__marker = 'still here'`);
      let loads = 0;
      page.on('load', () => loads++);
      // An error first: the field is marked, named and focused, all in the same document.
      await fillAccount(page, 'no-reload', 'short');
      await submitStep(page);
      await expectFieldError(page, 'password');
      await expect.poll(() => focused(page)).toBe('password');
      await fillAccount(page, 'no-reload');
      await submitStep(page);
      await expectStep(page, 'm.login.terms');
      await expect.poll(() => focused(page)).toBe('h1');
      expect(await page.title()).toMatch(/^Accept the policies/);
      await acceptAllPolicies(page);
      await submitStep(page);
      await expectDonePage(page, '@no-reload:localhost');
      expect(await marker(page)).toBe('still here');
      expect(loads).toBe(0);
      await expectNoAxeViolations(page, 'the done page reached without a reload');
    });
    expect(h.homeserver.getUser('@no-reload:localhost')).toMatchObject({ has_password: true });
  });

  it('falls back to an ordinary submit when the fetch fails', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      // Only the script's fetch fails; the browser's own form submission is untouched.
      await page.evaluate(`window.__marker = 'before'; window.fetch = () => Promise.reject(new TypeError('offline'))`);
      await fillAccount(page, 'fallback-person');
      await submitStep(page);
      await expectStep(page, 'm.login.terms');
      expect(await marker(page)).toBeUndefined();
    });
  });
});
