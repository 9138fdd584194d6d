/**
 * The "Forgot password" page in a real browser. THE MUST-SHOW: a person who signed up with only a phone number
 * finds the page from the sign-up page, proves the number with the code from the SMS outbox, chooses a new
 * password, and logs in with it (the old one no longer works). Against the real Synapse when HOMESERVER_URL and
 * its secrets are set (as the real-Synapse suite gets them, test/synapse/env.ts), else the development homeserver.
 * With and without JavaScript, axe on every step; and the email way, by the mail's link, on the stand-in.
 */
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { realSynapse } from '../synapse/env.js';
import { ADMIN_TOKEN, codeInSms, type Harness, linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { login, makeAccount } from '../recovery/reset-support.js';
import { expectNoAxeViolations } from './support/axe.js';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectStep, field, leaves, signupUrl, startSignupSite, submitStep, waitFor, walkToDone } from './support/signup-site.js';

const NEW_PASSWORD = 'a fresh and sunny meadow';
const real = realSynapse();
const synapse = 'missing' in real ? undefined : real;

describeInBrowser(`forgot-password page (${synapse ? 'real Synapse' : 'development homeserver'})`, (browser) => {
  const h = useHarness(() =>
    startSignupSite([['m.login.msisdn']], {
      ...(synapse
        ? { mode: 'admin_api', realHomeserver: { url: synapse.url, sharedSecret: synapse.sharedSecret, adminToken: synapse.adminToken } }
        : {}),
      config: { recovery: {}, serverName: synapse?.serverName ?? 'localhost' },
    }),
  );
  const hs = () => ({
    url: synapse?.url ?? h.homeserver.url,
    adminToken: synapse?.adminToken ?? ADMIN_TOKEN,
    serverName: synapse?.serverName ?? 'localhost',
  });

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`a person who signed up with only a phone number resets the password ${label} and logs in with the new one`, async () => {
      // Fresh on every run: a real Synapse keeps the accounts of earlier runs.
      const digits = String(randomInt(100_000, 999_999));
      const phone = { country: 'GB', number: `07400 ${digits}`, e164: `+447400${digits}` };
      const username = `phoneonly-${javaScriptEnabled ? 'js' : 'nojs'}-${digits}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username, phone });
        expect(steps).toEqual(['account', 'm.login.msisdn', 'done']);
        expect((await login(hs(), username, 'a long and quiet river')).status).toBe(200);

        // From the sign-up page to the reset page, by its link.
        await page.goto(signupUrl(h, '?restart=1'));
        await page.locator('a[data-forgot-password]').click();
        await expectStep(page, 'reset_email');
        await check(page, javaScriptEnabled, 'reset_email');
        await page.getByRole('link', { name: 'Use a phone number instead' }).click();
        await expectStep(page, 'reset_phone');
        await check(page, javaScriptEnabled, 'reset_phone');
        await field(page, 'country').selectOption(phone.country);
        await field(page, 'phone').fill(phone.number);
        await submitStep(page);
        await expectStep(page, 'reset_code');
        await check(page, javaScriptEnabled, 'reset_code');
        await field(page, 'code').fill(await waitFor(() => codeInSms(h, phone.e164)));
        await submitStep(page);
        await expectStep(page, 'reset_password');
        await check(page, javaScriptEnabled, 'reset_password');
        expect(await field(page, 'logout_devices').isChecked()).toBe(true);
        await field(page, 'password').fill(NEW_PASSWORD);
        await field(page, 'password_confirm').fill(NEW_PASSWORD);
        await submitStep(page);
        await expectStep(page, 'reset_done');
        await check(page, javaScriptEnabled, 'reset_done');
        expect(await page.content()).not.toContain(NEW_PASSWORD);
      });
      expect((await login(hs(), username, 'a long and quiet river')).body.errcode).toBe('M_FORBIDDEN');
      expect((await login(hs(), username, NEW_PASSWORD)).status).toBe(200);
    });
  }

  it('tells a mistyped confirmation and a weak password at their fields, and keeps the reset going', async () => {
    const digits = String(randomInt(100_000, 999_999));
    const phone = { country: 'GB', number: `07400 ${digits}`, e164: `+447400${digits}` };
    await makeAccount(hs(), `mistype-${digits}`, 'the old and tired password', [{ medium: 'msisdn', address: phone.e164.slice(1) }]);
    await inPage(browser(), { javaScriptEnabled: true }, async (page) => {
      await page.goto(`${h.url}/forgot-password?use=phone`);
      await field(page, 'country').selectOption(phone.country);
      await field(page, 'phone').fill(phone.number);
      await submitStep(page);
      await expectStep(page, 'reset_code');
      await field(page, 'code').fill(await waitFor(() => codeInSms(h, phone.e164)));
      await submitStep(page);
      await expectStep(page, 'reset_password');
      await field(page, 'password').fill(NEW_PASSWORD);
      await field(page, 'password_confirm').fill('something else entirely');
      await submitStep(page);
      await expect.poll(() => field(page, 'password_confirm').getAttribute('aria-invalid')).toBe('true');
      await field(page, 'password').fill('short');
      await field(page, 'password_confirm').fill('short');
      await submitStep(page);
      await expect.poll(() => field(page, 'password').getAttribute('aria-invalid')).toBe('true');
      await expectStep(page, 'reset_password');
    });
    expect((await login(hs(), `mistype-${digits}`, 'the old and tired password')).status).toBe(200);
  });
});

describeInBrowser('forgot-password page: by email (development homeserver)', (browser) => {
  const h = useHarness(() => startSignupSite([['m.login.email.identity']], { config: { recovery: {} } }));

  it('resets by the link in the mail, opened in the same browser, in German', async () => {
    const hs = { url: h.homeserver.url, adminToken: ADMIN_TOKEN, serverName: 'localhost' };
    await makeAccount(hs, 'greta', 'the old and tired password', [{ medium: 'email', address: 'greta@example.org' }]);
    await inPage(browser(), { javaScriptEnabled: false, locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de' } }, async (page) => {
      await page.goto(`${h.url}/forgot-password`);
      await expectStep(page, 'reset_email');
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      await field(page, 'email').fill('greta@example.org');
      await submitStep(page);
      await expectStep(page, 'reset_email_sent');
      const mail = await waitFor(async () => (await h.mail!.mails()).find((m) => m.to.includes('greta@example.org'))!);
      expect(mail.subject).toBe('Ihr Passwort bei Example Chat zurücksetzen');
      await page.goto((await linkInMail(h, 'greta@example.org')).href);
      await expectStep(page, 'reset_password');
      await page.locator('input[name="logout_devices"]').uncheck();
      await field(page, 'password').fill(NEW_PASSWORD);
      await field(page, 'password_confirm').fill(NEW_PASSWORD);
      await submitStep(page);
      await leaves(page, page.locator('input[name="password"]'));
      await expectStep(page, 'reset_done');
    });
    expect((await login(hs, 'greta', NEW_PASSWORD)).status).toBe(200);
  });
});

async function check(page: Page, javaScriptEnabled: boolean, step: string): Promise<void> {
  // axe runs in the page: only where the page runs scripts.
  if (javaScriptEnabled) await expectNoAxeViolations(page, step);
}

export type { Harness };
