/**
 * Phone sign-up in a real browser: a country and a national number, then the code read from the SMS outbox;
 * the account holds the number.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectDonePage, FLOWS, signupUrl, startSignupSite, walkToDone } from './support/signup-site.js';
import { useHarness } from '../support/use-harness.js';

describeInBrowser('sign-up page: phone', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.phone));

  for (const [index, { label, javaScriptEnabled }] of SCRIPTING.entries()) {
    it(`signs up with a phone number ${label}, typing the code from the SMS`, async () => {
      const username = `pat-${javaScriptEnabled ? 'js' : 'nojs'}`;
      const phone = { country: 'GB', number: `07400 12345${index}`, e164: `+44740012345${index}` };
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username, phone }, { axe: javaScriptEnabled });
        expect(steps).toEqual(['account', 'm.login.terms', 'm.login.msisdn', 'done']);
        await expectDonePage(page, `@${username}:localhost`);
      });
      const user = h.homeserver.getUser(`@${username}:localhost`);
      expect(user?.threepids).toEqual([expect.objectContaining({ medium: 'msisdn', address: phone.e164.slice(1) })]);
    });
  }
});
