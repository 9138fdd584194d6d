/**
 * A sign-up under a tenant that approves every one, in a real browser: it ends on the waiting page (no
 * form, how the decision will be told), axe clean with JavaScript and without it, light and dark; reloaded
 * after the operator's approval, the page shows the account.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectDonePage, expectStep, FLOWS, signupUrl, startSignupSite, walkToDone } from './support/signup-site.js';
import { expectNoAxeViolations } from './support/axe.js';
import { useHarness } from '../support/use-harness.js';
import { OPERATOR_KEY, operator, REQUESTS, requestOf } from '../approval/support.js';

const ALWAYS = { config: { approval: { when: { always: true } } }, secrets: { operatorKey: OPERATOR_KEY } };

/** What the waiting page must be: its heading, how the person is told, and nothing to send again. */
async function expectWaitingPage(page: import('playwright-core').Page, told: RegExp): Promise<void> {
  await expectStep(page, 'awaiting');
  await expect.poll(() => page.locator('h1').textContent()).toBe('Waiting for approval');
  expect(await page.locator('main').textContent()).toMatch(told);
  expect(await page.locator('main form, main input, main button').count()).toBe(0);
  expect(await page.locator('[role="status"]').count()).toBeGreaterThan(0);
}

describeInBrowser('sign-up page: waiting for approval', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.termsAndDummy, ALWAYS));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`ends on the waiting page ${label}, axe clean, and shows the account once approved`, async () => {
      const username = `wait-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username }, { axe: javaScriptEnabled, until: 'awaiting' });
        expect(steps).toEqual(['account', 'm.login.terms', 'awaiting']);
        await expectWaitingPage(page, /You will not get a message about their decision/);
        expect(h.homeserver.getUser(`@${username}:localhost`)).toBeUndefined();

        const request = await requestOf(h, username);
        expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);
        await page.reload();
        await expectDonePage(page, `@${username}:localhost`);
      });
    });
  }

  it('says, axe clean, that a denied sign-up no longer waits, and starts again from there', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      await walkToDone(page, h, { username: 'wait-denied' }, { until: 'awaiting' });
      const request = await requestOf(h, 'wait-denied');
      expect((await operator(h, `${REQUESTS}/${request.id}/deny`, { body: {} })).status).toBe(200);
      await page.reload();
      await expectStep(page, 'awaiting_closed');
      expect(await page.locator('h1').textContent()).toBe('This sign-up is no longer waiting');
      await expectNoAxeViolations(page, 'awaiting_closed');
      await page.getByRole('link', { name: 'Start again' }).click();
      await expectStep(page, 'account');
    });
  });

  it('has no axe violations in the dark colour scheme, nor right to left in Arabic', async () => {
    await inPage(browser(), { colorScheme: 'dark' }, async (page) => {
      await page.goto(signupUrl(h));
      await walkToDone(page, h, { username: 'wait-dark' }, { axe: true, until: 'awaiting' });
    });
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h, '?lang=ar'));
      await walkToDone(page, h, { username: 'wait-ar' }, { until: 'awaiting' });
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await expectNoAxeViolations(page, 'awaiting (ar)');
    });
  });
});

describeInBrowser('sign-up page: waiting for approval after an email step', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.email, ALWAYS));

  it('says the decision comes by email, after the link from the mail brings the person back', async () => {
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      const person = { username: 'wait-mail', email: 'wait-mail@example.org' };
      const steps = await walkToDone(page, h, person, { axe: true, until: 'awaiting' });
      expect(steps.at(-1)).toBe('awaiting');
      await expectWaitingPage(page, /We will send an email to the address you confirmed/);
    });
  });
});
