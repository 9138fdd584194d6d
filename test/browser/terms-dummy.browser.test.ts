/**
 * The simplest flow, terms then dummy, in a real browser: with JavaScript and without, light and dark,
 * axe on every step; and the choice between flows, made in words.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import {
  expectDonePage,
  expectStep,
  FLOWS,
  fillAccount,
  PASSWORD,
  signupUrl,
  startSignupSite,
  submitStep,
  walkToDone,
} from './support/signup-site.js';
import { useHarness } from '../support/use-harness.js';

describeInBrowser('sign-up page: terms and dummy', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.termsAndDummy));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`creates an account ${label}: account, terms, then the done page (dummy is never shown)`, async () => {
      const username = `terry-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username }, { axe: javaScriptEnabled });
        expect(steps).toEqual(['account', 'm.login.terms', 'done']);
        await expectDonePage(page, `@${username}:localhost`);
      });
      expect(h.homeserver.getUser(`@${username}:localhost`)).toMatchObject({ has_password: true });
    });
  }

  it('has no axe violations in the dark colour scheme either', async () => {
    await inPage(browser(), { colorScheme: 'dark' }, async (page) => {
      await page.goto(signupUrl(h));
      await walkToDone(page, h, { username: 'dora-dark' }, { axe: true });
    });
  });

  it('keeps its state in an HttpOnly, SameSite=Lax cookie and never writes the password back into the page', async () => {
    await inPage(browser(), {}, async (page, context) => {
      await page.goto(signupUrl(h));
      await fillAccount(page, 'cookie-monster');
      await submitStep(page);
      await expectStep(page, 'm.login.terms');
      const cookie = (await context.cookies()).find((c) => c.name === 'fd_signup');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(cookie?.value).not.toContain('cookie-monster');
      expect(await page.content()).not.toContain(PASSWORD);
    });
  });
});

describeInBrowser('sign-up page: several flows', (browser) => {
  const h = useHarness(() => startSignupSite([...FLOWS.termsAndDummy, ...FLOWS.email]));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`offers the flows in words and goes on with the one chosen (${label})`, async () => {
      const username = `flo-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const radios = page.locator('input[type="radio"][name="flow"]');
        await expect.poll(() => radios.count()).toBe(2);
        await page.getByLabel(/with your email address/i).waitFor();
        const steps = await walkToDone(page, h, { username, flow: /just a username/i }, { axe: javaScriptEnabled });
        // One step more than the flow's own: the choice (wherever the page puts it); never the email step.
        const stages = ['account', 'm.login.terms', 'm.login.email.identity', 'done'];
        expect(steps.filter((step) => stages.includes(step))).toEqual(['account', 'm.login.terms', 'done']);
        expect(steps).toHaveLength(4);
      });
    });
  }
});
