/**
 * `npm run screenshots`: PNGs of every step of the hosted sign-up page, light and dark, and Arabic right to
 * left, written to docs/screenshots/ so an operator sees the page before deploying it. Runs the front door
 * on this machine (DynamoDB Local, the development homeserver, the mail catcher and SMS outbox) and drives
 * Debian's Chromium through playwright-core, as the browser tests do.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { send } from '../test/support/client.js';
import { codeInSms, type Harness, linkInMail } from '../test/support/harness.js';
import { OPERATOR_KEY, TOKENS } from '../test/support/constants.js';
import { launchChromium, openContext } from '../test/browser/support/launch.js';
import { FLOWS, PASSWORD, signupUrl, startSignupSite } from '../test/browser/support/site.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const VIEWPORT = { width: 720, height: 900 };
type Scheme = 'light' | 'dark';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_REGION ??= 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const dynamo = process.env.AWS_ENDPOINT_URL_DYNAMODB ? undefined : await startDynamoDbLocal();
  if (dynamo) process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  mkdirSync(OUT, { recursive: true });
  // The flows of the development config, and an invitation: the page opens with the choice between them.
  const h = await startSignupSite([...FLOWS.termsAndDummy, ...FLOWS.email, ...FLOWS.phone, ...FLOWS.invite], {
    secrets: { operatorKey: OPERATOR_KEY },
  });
  const browser = await launchChromium();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await emailSteps(browser, h, scheme);
      await phoneSteps(browser, h, scheme);
      await inviteStep(browser, h, scheme);
    }
    await arabicSteps(browser, h);
  } finally {
    await browser.close();
    await h.close();
    await dynamo?.stop();
  }
}

/** The flow choice, the account step (and its error), terms, the email address, "check your mail", done. */
async function emailSteps(browser: Browser, h: Harness, scheme: Scheme): Promise<void> {
  await inContext(browser, scheme, 'en-GB', async (page, shoot) => {
    await page.goto(signupUrl(h));
    await shoot('01-choose');
    await choose(page, /with your email address/i);
    await shoot('02-account');
    // The strength meter, with what weakens the password most (zxcvbn-ts, asked of the meter part).
    await fillAccount(page, `erin-${scheme}`, 'monkey123!');
    await page.locator('meter:not([hidden])').waitFor();
    await page.locator('[id="strength-password"]:has-text("common")').waitFor();
    await page.locator('[id="available-username"]:has-text("available")').waitFor();
    await shoot('02-account-meter');
    await fillAccount(page, `erin-${scheme}`, 'short');
    await submit(page);
    await page.locator('[role="alert"]').first().waitFor();
    await shoot('03-account-error');
    await fillAccount(page, `erin-${scheme}`, PASSWORD);
    await submit(page);
    await step(page, 'm.login.terms');
    await shoot('04-terms');
    for (const box of await page.locator('input[name^="policy_"]').all()) await box.check();
    await submit(page);
    await step(page, 'm.login.email.identity');
    await shoot('05-email');
    await page.locator('input[name="email"]').fill(`erin-${scheme}@example.org`);
    await submit(page);
    await page.locator('input[name="email"]').waitFor({ state: 'detached' });
    await shoot('06-check-mail');
    await page.goto((await retry(() => linkInMail(h, `erin-${scheme}@example.org`))).href);
    await step(page, 'done');
    await shoot('07-done');
  });
}

/** The phone number, then the code. */
async function phoneSteps(browser: Browser, h: Harness, scheme: Scheme): Promise<void> {
  await inContext(browser, scheme, 'en-GB', async (page, shoot) => {
    await page.goto(signupUrl(h));
    await choose(page, /with your phone number/i);
    await fillAccount(page, `pat-${scheme}`, PASSWORD);
    await submit(page);
    await step(page, 'm.login.terms');
    for (const box of await page.locator('input[name^="policy_"]').all()) await box.check();
    await submit(page);
    await step(page, 'm.login.msisdn');
    await shoot('08-phone');
    const national = scheme === 'light' ? '07400 123456' : '07400 123457';
    await page.locator('select[name="country"]').selectOption('GB');
    await page.locator('input[name="phone"]').fill(national);
    await submit(page);
    await page.locator('input[name="code"]').waitFor();
    await retry(() => codeInSms(h, `+44${national.slice(1).replace(' ', '')}`));
    await shoot('09-code');
  });
}

/** An invite link: the token filled in and locked. */
async function inviteStep(browser: Browser, h: Harness, scheme: Scheme): Promise<void> {
  const token = `welcome-${scheme}`;
  await send(h.app, `${TOKENS}/new`, { body: { token, uses_allowed: 1 }, headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  await inContext(browser, scheme, 'en-GB', async (page, shoot) => {
    await page.goto(signupUrl(h, `?token=${token}`));
    if ((await page.locator('input[name="flow"]').count()) > 0) await choose(page, /with an invitation/i);
    for (let turn = 0; turn < 4 && (await page.locator('main[data-step="m.login.registration_token"]').count()) === 0; turn++) {
      if ((await page.locator('input[name="username"]').count()) > 0) await fillAccount(page, `ivy-${scheme}`, PASSWORD);
      const before = await page.locator('main[data-step]').getAttribute('data-step');
      await submit(page);
      // The script swaps <main> in place: wait for the next step, not for the one still showing.
      await page.waitForFunction(`document.querySelector('main[data-step]')?.getAttribute('data-step') !== ${JSON.stringify(before)}`);
    }
    await step(page, 'm.login.registration_token');
    await shoot('10-invite-token');
  });
}

/** One page right to left: the account step in Arabic, and its done page. */
async function arabicSteps(browser: Browser, h: Harness): Promise<void> {
  await inContext(browser, 'light', 'ar', async (page, shoot) => {
    await page.goto(signupUrl(h, '?lang=ar'));
    await page.locator('input[name="flow"]').first().check();
    await submit(page);
    await page.locator('input[name="username"]').waitFor();
    await shoot('11-account-ar-rtl');
  });
}

type Shoot = (name: string) => Promise<void>;

async function inContext(browser: Browser, scheme: Scheme, locale: string, run: (page: Page, shoot: Shoot) => Promise<void>) {
  const context = await openContext(browser, { colorScheme: scheme, locale, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await run(page, async (name) => {
      const file = `${OUT}${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote docs/screenshots/${name}-${scheme}.png`);
    });
  } finally {
    await context.close();
  }
}

const submit = (page: Page) => page.locator('form:has(input[name="step"]) button[type="submit"]').click();
const step = (page: Page, name: string) => page.locator(`main[data-step="${name}"]`).waitFor();

async function choose(page: Page, label: RegExp): Promise<void> {
  await page.getByLabel(label).check();
  await submit(page);
  await page.locator('input[name="username"]').waitFor();
}

async function fillAccount(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="password_confirm"]').fill(password);
}

async function retry<T>(read: () => T | Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await read();
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
