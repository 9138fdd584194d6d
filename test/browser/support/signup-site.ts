/**
 * The hosted sign-up page as a browser sees it: a front door over real HTTP (with the mail catcher and SMS
 * outbox), and the moves a person makes on each step, written against the DOM contract of the page
 * (`main[data-step]`, one `form` naming its `step`, inputs by name, errors with role=alert).
 */
import { expect } from 'vitest';
import type { ElementHandle, Locator, Page } from 'playwright-core';
import { codeInSms, type Harness, linkInMail } from '../../support/harness.js';
import { PAGES, PASSWORD } from './site.js';
import { STEP_TIMEOUT_MS } from './chromium.js';
import { expectNoAxeViolations } from './axe.js';

export { FLOWS, PAGES, PASSWORD, SIGNUP, signupUrl, startSignupSite } from './site.js';

/** The form of the current step (the language switcher may be a form too: it names no step). */
export const stepForm = (page: Page): Locator => page.locator('form:has(input[name="step"])');

export const field = (page: Page, name: string): Locator => stepForm(page).locator(`[name="${name}"]`);

/** Waits for `main[data-step=step]`; the step of a page that went elsewhere is in the failure message. */
export async function expectStep(page: Page, step: string): Promise<void> {
  const main = page.locator(`main[data-step="${step}"]`);
  try {
    await main.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch {
    const shown = await page
      .locator('main')
      .first()
      .getAttribute('data-step', { timeout: 500 })
      .catch(() => 'no main');
    const alert = await page
      .locator('[role="alert"]')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `expected step "${step}", the page shows "${shown}"${alert.length ? ` with "${alert.join(' | ')}"` : ''} at ${page.url()}`,
    );
  }
}

/** The step shown now. */
export const currentStep = (page: Page) => page.locator('main[data-step]').first().getAttribute('data-step');

export async function submitStep(page: Page): Promise<void> {
  await stepForm(page).locator('button[type="submit"]').click();
}

/** Waits for an error: a role=alert line and, when `fieldName` is given, that field invalid and tied to its message. */
export async function expectFieldError(page: Page, fieldName?: string): Promise<string> {
  const alert = page.locator('[role="alert"]').first();
  await alert.waitFor({ state: 'visible' });
  const text = (await alert.textContent())?.trim() ?? '';
  expect(text.length).toBeGreaterThan(0);
  if (fieldName) {
    const input = field(page, fieldName);
    await expect.poll(() => input.getAttribute('aria-invalid'), { timeout: STEP_TIMEOUT_MS }).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    expect(describedBy, `${fieldName} names its message in aria-describedby`).not.toBe('');
    const messages = await Promise.all(describedBy.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.join(' '), `${fieldName}'s aria-describedby reaches the message`).toContain(text);
  }
  return text;
}

export async function fillAccount(page: Page, username: string, password = PASSWORD, confirm = password): Promise<void> {
  await field(page, 'username').fill(username);
  await field(page, 'password').fill(password);
  await field(page, 'password_confirm').fill(confirm);
}

export async function acceptAllPolicies(page: Page): Promise<void> {
  const boxes = stepForm(page).locator('input[type="checkbox"][name^="policy_"]');
  expect(await boxes.count(), 'one checkbox per policy').toBeGreaterThan(0);
  for (const box of await boxes.all()) await box.check();
}

/** What a person brings to the sign-up; the steps of the flow take what they need. */
export interface Person {
  username: string;
  password?: string;
  email?: string;
  /** Country (ISO 3166 code) and national number. */
  phone?: { country: string; number: string; e164: string };
  token?: string;
  /** The flow to choose, by its label, when the page offers several. */
  flow?: RegExp;
}

export interface WalkOptions {
  /** Runs axe on every step on the way (needs JavaScript in the page's context). */
  axe?: boolean;
  /** Called on each step before it is filled in (screenshots). */
  onStep?: (step: string, page: Page) => Promise<void>;
  /** The step the walk ends on: `done` unless given (a sign-up that waits for approval ends on `awaiting`). */
  until?: string;
}

/**
 * Goes through whatever steps the page asks for, in the order it asks, until the done page; returns the
 * steps seen. Email: the link is read from the mail catcher and opened in the same browser; phone: the code
 * is read from the SMS outbox.
 */
export async function walkToDone(page: Page, h: Harness, person: Person, options: WalkOptions = {}): Promise<string[]> {
  const seen: string[] = [];
  for (let turn = 0; turn < 12; turn++) {
    await page.locator('main[data-step]').first().waitFor({ state: 'visible' });
    const step = (await currentStep(page)) ?? '';
    seen.push(step);
    if (options.axe) await expectNoAxeViolations(page, step);
    await options.onStep?.(step, page);
    if (step === (options.until ?? 'done')) return seen;
    const before = await stepForm(page).elementHandle();
    await fillStep(page, h, step, person);
    await waitForNextPage(page, step, before);
  }
  throw new Error(`no ${options.until ?? 'done'} page after the steps ${seen.join(' → ')}`);
}

/** Fills in and submits one step (the email step's "check your mail" page is left by opening the mail's link). */
async function fillStep(page: Page, h: Harness, step: string, person: Person): Promise<void> {
  if ((await field(page, 'flow').count()) > 0) {
    if (!person.flow) throw new Error(`walkToDone: the step "${step}" asks for a flow and the person has none`);
    await stepForm(page).getByLabel(person.flow).check();
    return submitStep(page);
  }
  switch (step) {
    case 'account':
      await fillAccount(page, person.username, person.password ?? PASSWORD);
      return submitStep(page);
    case 'm.login.terms':
      await acceptAllPolicies(page);
      return submitStep(page);
    case 'm.login.registration_token':
      if (person.token !== undefined && !(await field(page, 'token').getAttribute('readonly')))
        await field(page, 'token').fill(person.token);
      return submitStep(page);
    case 'm.login.recaptcha':
      // The provider's widget (a stand-in script in these tests) puts its answer into the form.
      await stepForm(page).locator('[name$="-response"]').first().waitFor({ state: 'attached' });
      return submitStep(page);
    case 'm.login.email.identity':
      if ((await field(page, 'email').count()) === 0) return followMailLink(page, h, person.email!);
      await field(page, 'email').fill(person.email!);
      await submitStep(page);
      // The "check your mail" page, then the link brings the person back.
      await leaves(page, page.locator('input[name="email"]'));
      return followMailLink(page, h, person.email!);
    case 'm.login.msisdn':
      if ((await field(page, 'code').count()) === 0) {
        await field(page, 'country').selectOption(person.phone!.country);
        await field(page, 'phone').fill(person.phone!.number);
        await submitStep(page);
        await leaves(page, page.locator('input[name="phone"]'));
      }
      await field(page, 'code').fill(await waitFor(() => codeInSms(h, person.phone!.e164)));
      await submitStep(page);
      return leaves(page, page.locator('input[name="code"]'));
    default:
      throw new Error(`walkToDone: no move for the step "${step}"`);
  }
}

export async function followMailLink(page: Page, h: Harness, email: string): Promise<void> {
  const link = await waitFor(() => linkInMail(h, email));
  await page.goto(link.href);
}

/**
 * After a submit: the step's form is gone (a new document, or the page's script replaced it), and the new
 * page shows no error, which would stop the walk.
 */
async function waitForNextPage(page: Page, step: string, before: ElementHandle | null): Promise<void> {
  if (before)
    await expect.poll(() => before.evaluate((form) => form.isConnected).catch(() => false), { timeout: STEP_TIMEOUT_MS }).toBe(false);
  await page.waitForLoadState('domcontentloaded');
  const alert = page.locator('[role="alert"]');
  if ((await alert.count()) > 0) throw new Error(`after the step ${step}: ${await alert.first().textContent()}`);
}

/** Waits until `what` is gone from the page; an error shown instead ends the wait with its text. */
export async function leaves(page: Page, what: Locator): Promise<void> {
  const alert = page.locator('[role="alert"]');
  const state = async () =>
    (await what.count()) === 0 ? 'gone' : (await alert.count()) > 0 ? `error: ${await alert.first().textContent()}` : 'still there';
  await expect.poll(state, { timeout: STEP_TIMEOUT_MS }).not.toBe('still there');
  const final = await state();
  if (final !== 'gone') throw new Error(final);
}

/** Retries `read` (a mail or SMS on its way) until it gives a value, for a few seconds. */
export async function waitFor<T>(read: () => T | Promise<T>): Promise<T> {
  const until = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The done page: the Matrix ID, and the ways to start; never a token nor the password. */
export async function expectDonePage(page: Page, userId: string, password = PASSWORD): Promise<void> {
  await expectStep(page, 'done');
  await expect.poll(() => page.locator('[data-matrix-id]').first().textContent()).toContain(userId);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.some((href) => href.startsWith(PAGES.elementWebUrl))).toBe(true);
  expect(hrefs.some((href) => href.startsWith('https://matrix.to/'))).toBe(true);
  const html = await page.content();
  expect(html).toContain(PAGES.homeserverUrl.replace('https://', ''));
  expect(html).not.toContain(password);
  expect(html).not.toMatch(/syt_|access_token/);
}
