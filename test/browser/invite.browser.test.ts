/** Invite links: `?token=` fills in the registration token and locks it; the token is used up by the sign-up. */
import { expect, it } from 'vitest';
import { describeInBrowser, inPage, SCRIPTING } from './support/chromium.js';
import { expectDonePage, expectStep, field, FLOWS, signupUrl, startSignupSite, walkToDone } from './support/signup-site.js';
import { OPERATOR_KEY, TOKENS } from '../support/constants.js';
import { operator } from '../gating/support.js';
import { useHarness } from '../support/use-harness.js';

describeInBrowser('sign-up page: invite link', (browser) => {
  const h = useHarness(() => startSignupSite(FLOWS.invite, { secrets: { operatorKey: OPERATOR_KEY } }));

  for (const { label, javaScriptEnabled } of SCRIPTING) {
    it(`pre-fills the token read-only from ?token= and signs up with it ${label}`, async () => {
      const token = `welcome-${javaScriptEnabled ? 'js' : 'nojs'}`;
      expect((await operator(h, `${TOKENS}/new`, { body: { token, uses_allowed: 1 } })).status).toBe(200);
      const username = `ivy-${javaScriptEnabled ? 'js' : 'nojs'}`;
      await inPage(browser(), { javaScriptEnabled }, async (page) => {
        await page.goto(signupUrl(h, `?token=${token}`));
        const steps = await walkToDone(
          page,
          h,
          { username },
          {
            axe: javaScriptEnabled,
            onStep: async (step) => {
              if (step !== 'm.login.registration_token') return;
              await expect.poll(() => field(page, 'token').inputValue()).toBe(token);
              expect(await field(page, 'token').getAttribute('readonly')).not.toBeNull();
            },
          },
        );
        expect(steps).toContain('m.login.registration_token');
        await expectDonePage(page, `@${username}:localhost`);
      });
      expect((await operator(h, `${TOKENS}/${token}`)).body).toMatchObject({ completed: 1, pending: 0 });
    });
  }

  it('without ?token= asks for the token in a field a person can type into', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'typed-in', uses_allowed: 1 } });
    await inPage(browser(), {}, async (page) => {
      await page.goto(signupUrl(h));
      const steps = await walkToDone(page, h, { username: 'tess', token: 'typed-in' }, { axe: true });
      expect(steps).toContain('m.login.registration_token');
      await expectStep(page, 'done');
    });
  });
});
