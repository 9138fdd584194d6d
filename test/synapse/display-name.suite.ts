/**
 * The display name from the sign-up page on a real Synapse: sent in the shared-secret register call
 * (`displayname`, which Synapse 1.67 accepts) or in the admin API's PUT, so the account has it from the
 * start; an empty field leaves Synapse's default, the localpart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageBrowser, stepOf } from '../pages/page-browser.js';
import type { Harness, Mode } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

const PASSWORD = 'a page password 8c1f';

export function displayNameSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`the sign-up page's display name on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    let h: Harness;
    beforeAll(async () => {
      h = await startFrontDoor(synapse, mode, {
        config: { registration: { flows: [['m.login.terms', 'm.login.dummy']] }, pages: { brand: { name: 'Display names' } } },
      });
    });
    afterAll(() => h?.close());

    const signUp = async (username: string, displayName: string) => {
      const browser = new PageBrowser(h.app);
      await browser.open('/signup');
      await browser.submit('/signup', {
        step: 'account',
        username,
        display_name: displayName,
        password: PASSWORD,
        password_confirm: PASSWORD,
      });
      return browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    };

    it('makes the account with the display name typed on the form', async () => {
      const name = freshName('shown');
      expect(stepOf(await signUp(name, 'Shown Ünïcode Name'))).toBe('done');
      expect(await api.user(api.userId(name))).toMatchObject({ displayname: 'Shown Ünïcode Name', deactivated: 0 });
    });

    it('leaves Synapse its default display name (the localpart) when the field is empty', async () => {
      const name = freshName('plain');
      expect(stepOf(await signUp(name, ''))).toBe('done');
      expect(await api.user(api.userId(name))).toMatchObject({ displayname: name });
    });
  });
}
