/**
 * Languages on the page: chosen from Accept-Language, changed with the switcher (the sign-up goes on in the
 * new language), and Arabic laid out right to left; axe finds nothing in any of them.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectNoAxeViolations } from './support/axe.js';
import {
  expectDonePage,
  expectStep,
  fillAccount,
  FLOWS,
  signupUrl,
  startSignupSite,
  stepForm,
  submitStep,
  walkToDone,
} from './support/signup-site.js';
import { useHarness } from '../support/use-harness.js';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'ar'];

const htmlAttribute = (page: Page, name: string) => page.locator('html').getAttribute(name);
const submitLabel = async (page: Page) => (await stepForm(page).locator('button[type="submit"]').textContent())?.trim();

describeInBrowser('sign-up page: languages', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.termsAndDummy));

  it('speaks the language the browser asks for, and names the policies in it', async () => {
    await inPage(browser(), { locale: 'fr-FR' }, async (page) => {
      await page.goto(signupUrl(h));
      await expectStep(page, 'account');
      expect(await htmlAttribute(page, 'lang')).toBe('fr');
      expect(await htmlAttribute(page, 'dir')).toBe('ltr');
      await fillAccount(page, 'francoise');
      await submitStep(page);
      await expectStep(page, 'm.login.terms');
      // The terms config names this policy in French.
      await expect.poll(() => page.locator('main').textContent()).toContain('Conditions d’utilisation');
      await expectNoAxeViolations(page, 'the terms step in French');
    });
  });

  it('offers every language in the switcher, each link marked with its hreflang', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      await expectStep(page, 'account');
      for (const lang of LANGUAGES.filter((l) => l !== 'en'))
        expect(await page.locator(`a[hreflang="${lang}"]`).count()).toBeGreaterThan(0);
    });
  });

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`switches to German mid-way and the sign-up goes on in German (${label})`, async () => {
      const username = `greta-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await expectStep(page, 'account');
        const english = await submitLabel(page);
        await fillAccount(page, username);
        await submitStep(page);
        await expectStep(page, 'm.login.terms');
        await page.locator('a[hreflang="de"]').first().click();
        await expect.poll(() => htmlAttribute(page, 'lang')).toBe('de');
        // Still on the same step of the same sign-up, now in German.
        await expectStep(page, 'm.login.terms');
        expect(await submitLabel(page)).not.toBe(english);
        const steps = await walkToDone(page, h, { username }, { axe: javaScriptEnabled });
        expect(steps).toEqual(['m.login.terms', 'done']);
        expect(await htmlAttribute(page, 'lang')).toBe('de');
        await expectDonePage(page, `@${username}:localhost`);
      });
    });
  }

  it('lays Arabic out right to left, passes axe and signs up in it', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h, '?lang=ar'));
      await expectStep(page, 'account');
      expect(await htmlAttribute(page, 'lang')).toBe('ar');
      expect(await htmlAttribute(page, 'dir')).toBe('rtl');
      // The layout follows: the form's text runs from the right.
      expect(await page.evaluate('getComputedStyle(document.querySelector("main")).direction')).toBe('rtl');
      const steps = await walkToDone(page, h, { username: 'amal' }, { axe: true });
      expect(steps).toEqual(['account', 'm.login.terms', 'done']);
      expect(await htmlAttribute(page, 'dir')).toBe('rtl');
      await expectDonePage(page, '@amal:localhost');
    });
  });

  it('every language has its own words on the page', async () => {
    const labels = new Map<string, string | undefined>();
    await inPage(browser(), {}, async (page) => {
      for (const lang of LANGUAGES) {
        await page.goto(signupUrl(h, `?lang=${lang}`));
        await expectStep(page, 'account');
        expect(await htmlAttribute(page, 'lang')).toBe(lang);
        labels.set(lang, (await page.locator('main').textContent())?.replace(/\s+/g, ' ').trim());
      }
    });
    expect(new Set(labels.values()).size, JSON.stringify(Object.fromEntries(labels))).toBe(LANGUAGES.length);
  });
});
