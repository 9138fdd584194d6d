/**
 * The operator console in Chromium, on the front door as `npm start` builds it (MUST-SHOW of issue 19): a
 * server admin of the development homeserver signs in, creates an invitation, the invite link signs someone
 * up in a second browser, and the admin sees that sign-up in the funnel and the invitation's use count; an
 * account that is not a server admin is refused.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage } from './support/chromium.js';
import { expectNoAxeViolations } from './support/axe.js';
import { walkToDone } from './support/signup-site.js';
import { CONSOLE_KEY, CONSOLE_PATH, HS_ADMIN_TOKEN, signInAsAdmin, signUpByApi, startConsoleSite, tabTo } from './support/console-site.js';
import { useStarted } from '../support/use-harness.js';
import { makeAccount } from '../console/support.js';
import type { Harness } from '../support/harness.js';

describeInBrowser('operator console', (browser) => {
  const site = useStarted(startConsoleSite, (s) => s.stop());

  it('an admin invites someone, the link signs them up, and the admin sees the sign-up and the use count', async () => {
    let link = '';
    await inPage(browser(), {}, async (page) => {
      await signInAsAdmin(page, site);
      await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe('overview');
      await expect.poll(() => page.getByText('Signed in as @admin:localhost').count()).toBe(1);
      await expectNoAxeViolations(page, 'overview');
      await page.getByRole('link', { name: 'Invitations' }).click();
      await page.getByLabel('Label (optional)').fill('For Nia');
      await page.getByLabel('Number of sign-ups (optional)').fill('2');
      await page.getByRole('button', { name: 'Create the invitation' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Invitation created');
      const row = page.locator('tr', { hasText: 'For Nia' });
      link = (await row.locator('a.mono').getAttribute('href')) ?? '';
      expect(link).toMatch(/\/signup\?token=/);
      await row.getByText('QR code').click();
      expect(await row.locator('svg.qr path').getAttribute('d')).toMatch(/^M/);
      await expectNoAxeViolations(page, 'invitations');
    });
    await inPage(browser(), {}, async (page) => {
      await page.goto(link);
      const steps = await walkToDone(page, undefined as unknown as Harness, { username: 'nia' }, { axe: false });
      expect(steps).toContain('m.login.registration_token');
      expect(await page.locator('[data-matrix-id]').textContent()).toBe('@nia:localhost');
    });
    // The funnel is counted from the table's stream: read once it is.
    await site.countsSettled();
    await inPage(browser(), {}, async (page) => {
      await signInAsAdmin(page, site);
      const started = page.locator('table[data-funnel] tr[data-row=started] td');
      const completed = page.locator('table[data-funnel] tr[data-row=completed] td');
      expect(Number(await started.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
      expect(Number(await completed.getAttribute('data-count'))).toBe(1);
      await page.goto(`${site.url}${CONSOLE_PATH}/tokens`);
      await expect.poll(() => page.locator('tr', { hasText: 'For Nia' }).locator('td[data-used]').textContent()).toContain('1 of 2');
    });
  });

  it('refuses an account of the homeserver that is not a server admin', async () => {
    await makeAccount(site.config.homeserver.url, '@mallory:localhost', 'an ordinary passphrase', false, HS_ADMIN_TOKEN);
    await inPage(browser(), {}, async (page) => {
      await signInAsAdmin(page, site, 'mallory', 'an ordinary passphrase');
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a server admin');
      expect(await page.locator('main').getAttribute('data-section')).toBe('sign-in');
      await expectNoAxeViolations(page, 'refused sign-in');
      await page.goto(`${site.url}${CONSOLE_PATH}/tokens`);
      expect(await page.locator('main').getAttribute('data-section')).toBe('sign-in');
    });
  });
});

describeInBrowser('operator console: keyboard and accessibility', (browser) => {
  // Sign-ups without an invitation wait for an operator, so the approval queue has someone in it.
  const site = useStarted(
    () => startConsoleSite({ approval: { when: { withoutToken: true } } }),
    (s) => s.stop(),
  );

  it('is axe clean on every section, and an operator key holder works it by keyboard alone', async () => {
    expect(await signUpByApi(site, 'waiting-wes')).toBe(403);
    await inPage(browser(), {}, async (page) => {
      await page.goto(`${site.url}${CONSOLE_PATH}/sign-in`);
      await expectNoAxeViolations(page, 'sign-in');
      await tabTo(page, '#key');
      await page.keyboard.type(CONSOLE_KEY);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe('overview');
      // The skip link comes first, and leads to the content.
      await page.keyboard.press('Tab');
      expect(await page.locator('a.skip:focus').count()).toBe(1);
      for (const section of ['Invitations', 'Approvals', 'Switches', 'Records'])
        expect(await page.getByRole('link', { name: section, exact: true }).count()).toBe(1);

      await tabTo(page, 'a[href$="/switches"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe('switches');
      await expectNoAxeViolations(page, 'switches');
      await tabTo(page, 'a[href*="confirm=emailPaused"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Turn “Emails paused” on?');
      await expectNoAxeViolations(page, 'switch confirmation');
      await tabTo(page, 'main button[type=submit]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').textContent()).toBe('“Emails paused” is now on.');
      expect(await page.locator('[data-switch=emailPaused]').getAttribute('data-on')).toBe('true');

      await page.goto(`${site.url}${CONSOLE_PATH}/approvals`);
      await expectNoAxeViolations(page, 'approvals');
      await tabTo(page, 'input[name=ids]');
      await page.keyboard.press('Space');
      await tabTo(page, 'button[value=approve]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').textContent()).toContain('1 decided, 0 could not be decided');

      await page.goto(`${site.url}${CONSOLE_PATH}/records`);
      await expectNoAxeViolations(page, 'records');
      expect(await page.locator('table[data-records=audit]').textContent()).toContain('signup.approved');
      await page.goto(`${site.url}${CONSOLE_PATH}/tokens`);
      await expectNoAxeViolations(page, 'invitations, none yet');
    });
  });
});

describeInBrowser('operator console: languages', (browser) => {
  const site = useStarted(
    () => startConsoleSite(),
    (s) => s.stop(),
  );

  it('offers five languages, Arabic right to left, each axe clean', async () => {
    await inPage(browser(), { locale: 'de-DE' }, async (page) => {
      await page.goto(`${site.url}${CONSOLE_PATH}/sign-in`);
      expect(await page.locator('h1').textContent()).toBe('Bei der Betriebskonsole anmelden');
      for (const [lang, heading] of [
        ['fr', 'Se connecter à la console d’exploitation'],
        ['es', 'Iniciar sesión en la consola de operación'],
        ['ar', 'تسجيل الدخول إلى لوحة التشغيل'],
      ]) {
        await page.getByRole('link', { name: lang === 'fr' ? 'Français' : lang === 'es' ? 'Español' : 'العربية' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await expectNoAxeViolations(page, `sign-in (${lang})`);
      }
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.locator('#key').fill(CONSOLE_KEY);
      await page.getByRole('button', { name: 'تسجيل الدخول بالمفتاح' }).click();
      await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe('overview');
      expect(await page.locator('h1').textContent()).toBe('التسجيلات');
      await expectNoAxeViolations(page, 'overview (ar)');
    });
  });
});
