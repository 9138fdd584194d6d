/**
 * `npm run screenshots:console`: PNGs of the operator console, light and dark, written to docs/screenshots/
 * (`console-*.png`). Runs the front door as `npm start` builds it (with invitations, and sign-ups without one
 * waiting for approval), fills it with a few invitations and sign-ups, and drives Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openContext } from '../test/browser/support/launch.js';
import { CONSOLE_KEY, CONSOLE_PATH, signInAsAdmin, signUpByApi, startConsoleSite } from '../test/browser/support/console-site.js';
import type { LocalFrontDoor } from '../local/start.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const VIEWPORT = { width: 1200, height: 900 };
const TOKENS = '/_front_door/admin/v1/registration_tokens';

async function main(): Promise<void> {
  process.env.AWS_REGION ??= 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  mkdirSync(OUT, { recursive: true });
  const site = await startConsoleSite({ approval: { when: { withoutToken: true } }, rateLimits: undefined });
  const browser = await launchChromium();
  try {
    await fill(site);
    for (const scheme of ['light', 'dark'] as const) await shootAll(browser, site, scheme);
  } finally {
    await browser.close();
    await site.stop();
  }
}

/** Two invitations, one sign-up through one of them, two sign-ups waiting for approval. */
async function fill(site: LocalFrontDoor): Promise<void> {
  const operator = (path: string, body: unknown) =>
    fetch(`${site.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${CONSOLE_KEY}` }, body: JSON.stringify(body) });
  await operator(`${TOKENS}/new`, { token: 'spring-cohort', uses_allowed: 20, privileges: { label: 'Spring cohort' } });
  await operator(`${TOKENS}/new`, { token: 'it-helpdesk', uses_allowed: 5, privileges: { label: 'IT helpdesk' } });
  // One through an invitation (made at once), two without one (they wait for approval).
  const register = (body: unknown) => fetch(`${site.url}/_matrix/client/v3/register`, { method: 'POST', body: JSON.stringify(body) });
  const { session } = (await (await register({ username: 'nia', password: 'a quiet long river' })).json()) as { session: string };
  await register({ auth: { type: 'm.login.registration_token', token: 'spring-cohort', session } });
  await register({ auth: { type: 'm.login.terms', session } });
  for (const name of ['wes', 'yara']) await signUpByApi(site, name);
  // The overview's funnel is counted from the table's stream.
  await site.countsSettled();
}

async function shootAll(browser: Browser, site: LocalFrontDoor, scheme: 'light' | 'dark'): Promise<void> {
  const context = await openContext(browser, { colorScheme: scheme, locale: 'en-GB', viewport: VIEWPORT });
  const page = await context.newPage();
  const shoot = async (name: string) => {
    await page.screenshot({ path: `${OUT}console-${name}-${scheme}.png`, fullPage: true });
    console.log(`wrote docs/screenshots/console-${name}-${scheme}.png`);
  };
  try {
    await page.goto(`${site.url}${CONSOLE_PATH}/sign-in`);
    await shoot('1-sign-in');
    await signInAsAdmin(page, site);
    await shoot('2-overview');
    await go(page, site, '/tokens');
    await page.locator('tr', { hasText: 'Spring cohort' }).getByText('QR code').click();
    await shoot('3-invitations');
    await go(page, site, '/approvals');
    await shoot('4-approvals');
    await go(page, site, '/switches');
    await shoot('5-switches');
    await go(page, site, '/switches?confirm=registrationClosed&to=on');
    await shoot('6-switch-confirm');
    await go(page, site, '/records');
    await shoot('7-records');
  } finally {
    await context.close();
  }
}

const go = (page: Page, site: LocalFrontDoor, path: string) => page.goto(`${site.url}${CONSOLE_PATH}${path}`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
