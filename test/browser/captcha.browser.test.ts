/**
 * The captcha step in a real browser: the provider's script is answered by a stand-in widget that puts a
 * response into the form the way each provider's does, and the front door checks it with the siteverify
 * stand-in (local/captcha-stand-in.ts). Without JavaScript the step says that it needs it.
 */
import { expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser, inPage } from './support/chromium.js';
import {
  expectDonePage,
  expectFieldError,
  expectStep,
  fillAccount,
  PAGES,
  signupUrl,
  submitStep,
  walkToDone,
} from './support/signup-site.js';
import { type CaptchaHarness, startWithCaptcha } from '../gating/support.js';
import { THREEPID } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';

/** Each provider's script address, and the fields its widget adds to the form. */
const PROVIDERS = {
  recaptcha: { script: 'https://www.google.com/recaptcha/api.js**', widget: 'g-recaptcha', fields: ['g-recaptcha-response'] },
  hcaptcha: { script: 'https://js.hcaptcha.com/1/api.js**', widget: 'h-captcha', fields: ['h-captcha-response', 'g-recaptcha-response'] },
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js**',
    widget: 'cf-turnstile',
    fields: ['cf-turnstile-response'],
  },
} as const;

type Provider = keyof typeof PROVIDERS;

/** Serves a stand-in for the provider's widget script: it "solves" the captcha on chat.example.org at once. */
async function standInWidget(context: BrowserContext, provider: Provider, answer = 'pass:chat.example.org'): Promise<void> {
  const { script, widget, fields } = PROVIDERS[provider];
  const body = `for (const box of document.querySelectorAll('.${widget}')) {
  const response = ${JSON.stringify(answer)} + ':' + Math.random().toString(36).slice(2);
  for (const name of ${JSON.stringify(fields)}) {
    const field = document.createElement('textarea');
    field.name = name; field.hidden = true; field.value = response;
    box.append(field);
  }
}`;
  await context.route(script, (route) => route.fulfill({ contentType: 'text/javascript', body }));
}

for (const provider of Object.keys(PROVIDERS) as Provider[]) {
  describeInBrowser(`sign-up page: captcha (${provider})`, (browser) => {
    const h = useHarness<CaptchaHarness>(() =>
      startWithCaptcha('captcha-secret', {
        captcha: { provider, publicKey: 'site-key' },
        messaging: true,
        config: { threepid: THREEPID, pages: PAGES, registration: { flows: [['m.login.recaptcha', 'm.login.terms']] } },
      }),
    );

    it('shows the widget, sends its answer to siteverify and goes on to the done page', async () => {
      await inPage(browser(), {}, async (page, context) => {
        await standInWidget(context, provider);
        await page.goto(signupUrl(h));
        const steps = await walkToDone(page, h, { username: `cap-${provider}` }, { axe: true });
        expect(steps).toContain('m.login.recaptcha');
        await expectDonePage(page, `@cap-${provider}:localhost`);
      });
      expect(h.captcha.calls.at(-1)).toMatchObject({
        secret: 'captcha-secret',
        response: expect.stringMatching(/^pass:chat\.example\.org:/),
      });
    });

    it('shows the refusal as an error and lets the person try again', async () => {
      await inPage(browser(), {}, async (page, context) => {
        await standInWidget(context, provider, 'fail');
        await page.goto(signupUrl(h));
        await fillAccount(page, `nocap-${provider}`);
        await submitStep(page);
        await walkUntilCaptcha(page);
        await page.locator('[name$="-response"]').first().waitFor({ state: 'attached' });
        await submitStep(page);
        await expectFieldError(page);
        await expectStep(page, 'm.login.recaptcha');
      });
    });

    if (provider === 'hcaptcha') {
      it('without JavaScript says that this step needs it', async () => {
        await inPage(browser(), { javaScriptEnabled: false }, async (page) => {
          await page.goto(signupUrl(h));
          await fillAccount(page, 'noscript');
          await submitStep(page);
          await walkUntilCaptcha(page);
          await expect.poll(() => page.locator('main .notice').first().isVisible()).toBe(true);
        });
      });
    }
  });
}

/** From wherever the account step led, the terms if they come first, up to the captcha. */
async function walkUntilCaptcha(page: import('playwright-core').Page): Promise<void> {
  await page.locator('main[data-step]:not([data-step="account"])').waitFor();
  if ((await page.locator('main[data-step="m.login.terms"]').count()) > 0) {
    for (const box of await page.locator('input[name^="policy_"]').all()) await box.check();
    await submitStep(page);
  }
  await expectStep(page, 'm.login.recaptcha');
}
