/**
 * Email sign-up in a real browser: the address, the "check your mail" page, then the link read from the mail
 * catcher and opened in the same browser brings the person back to finish; the account holds the address.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectDonePage, expectStep, field, FLOWS, signupUrl, startSignupSite, submitStep, walkToDone } from './support/signup-site.js';
import { expectNoAxeViolations } from './support/axe.js';
import { useHarness } from '../support/use-harness.js';

describeInBrowser('sign-up page: email', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.email));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`signs up with an email address ${label}, following the link from the mail`, async () => {
      const username = `erin-${javaScriptEnabled ? 'js' : 'nojs'}`;
      const email = `${username}@example.org`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username, email }, { axe: javaScriptEnabled });
        expect(steps).toEqual(['account', 'm.login.terms', 'm.login.email.identity', 'done']);
        await expectDonePage(page, `@${username}:localhost`);
      });
      const user = h.homeserver.getUser(`@${username}:localhost`);
      expect(user?.threepids).toEqual([expect.objectContaining({ medium: 'email', address: email })]);
    });
  }

  it('shows a "check your mail" page naming the address, which passes axe', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      await walkUntil(page, 'm.login.email.identity');
      await field(page, 'email').fill('wait@example.org');
      await submitStep(page);
      await page.locator('input[name="email"]').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('main').textContent()).toContain('wait@example.org');
      await expectNoAxeViolations(page, 'the "check your mail" page');
    });
  });

  /** Account and terms, up to `step`. */
  async function walkUntil(page: import('playwright-core').Page, step: string) {
    await expectStep(page, 'account');
    await field(page, 'username').fill('wait');
    await field(page, 'password').fill('a long and quiet river');
    await field(page, 'password_confirm').fill('a long and quiet river');
    await submitStep(page);
    await expectStep(page, 'm.login.terms');
    for (const box of await page.locator('input[name^="policy_"]').all()) await box.check();
    await submitStep(page);
    await expectStep(page, step);
  }
});
