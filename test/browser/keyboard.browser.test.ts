/**
 * One flow done with the keyboard alone: Tab to each field, type, Space ticks a policy, Enter submits.
 * No click and no fill: what a person without a mouse (or with a screen reader) does.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectDonePage, expectStep, FLOWS, PASSWORD, signupUrl, startSignupSite } from './support/signup-site.js';
import { useHarness } from '../support/use-harness.js';

/** Presses Tab until the element matching `selector` has the focus; fails when it is not reached in the page's tab order. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if ((await page.locator(`${selector}:focus`).count()) > 0) {
      // Reached by the keyboard, so the browser draws its focus ring (the page must not hide it).
      expect(await page.locator(`${selector}:focus-visible`).count()).toBe(1);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

describeInBrowser('sign-up page: keyboard only', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.termsAndDummy));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`signs up with Tab, typing, Space and Enter only (${label})`, async () => {
      const username = `kim-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        await expectStep(page, 'account');
        for (const [name, text] of [
          ['username', username],
          ['password', PASSWORD],
          ['password_confirm', PASSWORD],
        ]) {
          await tabTo(page, `input[name="${name}"]`);
          await page.keyboard.type(text!);
        }
        await tabTo(page, 'form:has(input[name="step"]) button[type="submit"]');
        await page.keyboard.press('Enter');

        await expectStep(page, 'm.login.terms');
        const boxes = await page
          .locator('input[name^="policy_"]')
          .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('name')));
        expect(boxes.length).toBeGreaterThan(0);
        for (const name of boxes) {
          await tabTo(page, `input[name="${name}"]`);
          await page.keyboard.press('Space');
          expect(await page.locator(`input[name="${name}"]`).isChecked()).toBe(true);
        }
        await tabTo(page, 'form:has(input[name="step"]) button[type="submit"]');
        await page.keyboard.press('Enter');

        await expectDonePage(page, `@${username}:localhost`);
      });
    });
  }
});
