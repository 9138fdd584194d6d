/** What the README promises about the homeserver's settings, checked on a real Synapse. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { expectHandedOut } from './sign-up.suite.js';
import { signUp, startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

export function readmePromisesSuite(synapse: RealSynapse): void {
  describe('the homeserver settings the README asks for', () => {
    const api = new SynapseApi(synapse);
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it("Synapse's own registration is closed: its /register answers 403 M_FORBIDDEN", async () => {
      for (const path of ['/_matrix/client/v3/register', '/_matrix/client/r0/register']) {
        const answer = await api.call('POST', path, {
          body: { username: freshName('cl'), password: 'correct horse battery', auth: { type: 'm.login.dummy' } },
        });
        expect(answer, path).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
      }
    });

    it('shared_secret mode needs only the registration shared secret (for flows without email or phone)', async () => {
      h = await startFrontDoor(synapse, 'shared_secret', {
        withAdminToken: false,
        config: { registration: { flows: [['m.login.terms', 'm.login.dummy']] }, threepid: undefined },
      });
      const username = freshName('ss');
      const { done } = await signUp(h, { username, device: { initial_device_display_name: 'Secret only' } });
      await expectHandedOut(api, username, done, { initial_device_display_name: 'Secret only' });
    });

    it('admin_api mode needs only the admin token, email included', async () => {
      h = await startFrontDoor(synapse, 'admin_api', { withSharedSecret: false });
      const username = freshName('at');
      const email = `${username}@example.org`;
      const { done } = await signUp(h, { username, email });
      await expectHandedOut(api, username, done);
      expect(await api.addresses(done.body.user_id)).toEqual([`email:${email}`]);
    });
  });
}
