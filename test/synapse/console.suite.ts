/**
 * The operator console's sign-in against a real Synapse 1.67: a server admin's password login and the admin
 * check with the admin's own token (no admin token of the front door's), the device logged out on sign-out;
 * an ordinary account refused, its login's device logged out at once.
 */
import { describe, expect, it } from 'vitest';
import { OPERATOR_KEY } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';
import { consoleClient, makeAccount, signIn } from '../console/support.js';
import type { RealSynapse } from './env.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

const PASSWORD = 'a long console passphrase';

export function consoleSuite(synapse: RealSynapse): void {
  describe('the operator console on Synapse', () => {
    const api = new SynapseApi(synapse);
    const h = useHarness(() => startFrontDoor(synapse, 'admin_api', { secrets: { operatorKey: OPERATOR_KEY } }));

    it('signs a server admin in with their own token, and logs the console’s device out on sign-out', async () => {
      const userId = api.userId(freshName('ops'));
      await makeAccount(synapse.url, userId, PASSWORD, true, synapse.adminToken);
      const client = consoleClient(h.app);
      expect((await signIn(client, { method: 'admin', user: userId, password: PASSWORD })).status).toBe(303);
      const overview = await client.get('');
      expect(overview.status).toBe(200);
      expect(overview.text).toContain(`Signed in as ${userId}`);
      const devices = await api.devices(userId);
      expect(devices.map((d) => d.display_name)).toEqual(['Front door operator console']);
      await client.post('/sign-out', {});
      expect(await api.devices(userId)).toEqual([]);
    });

    it('ends the session at the next page once Synapse no longer knows its token', async () => {
      const userId = api.userId(freshName('ops'));
      await makeAccount(synapse.url, userId, PASSWORD, true, synapse.adminToken);
      const client = consoleClient(h.app);
      await signIn(client, { method: 'admin', user: userId, password: PASSWORD });
      expect((await client.get('/tokens')).status).toBe(200);
      const [device] = await api.devices(userId);
      const path = `/_synapse/admin/v2/users/${encodeURIComponent(userId)}/devices/${encodeURIComponent(device!.device_id)}`;
      expect((await api.call('DELETE', path, { token: synapse.adminToken })).status).toBe(200);
      expect((await client.get('/tokens')).location).toMatch(/\/sign-in\?notice=ended$/);
    });

    it('refuses an account that is not a server admin, and leaves it no device', async () => {
      const userId = api.userId(freshName('usr'));
      await makeAccount(synapse.url, userId, PASSWORD, false, synapse.adminToken);
      const client = consoleClient(h.app);
      const answer = await signIn(client, { method: 'admin', user: userId, password: PASSWORD });
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('not a server admin');
      expect(await api.devices(userId)).toEqual([]);
    });

    it('refuses a wrong password as Synapse does, without a device', async () => {
      const userId = api.userId(freshName('ops'));
      await makeAccount(synapse.url, userId, PASSWORD, true, synapse.adminToken);
      const answer = await signIn(consoleClient(h.app), { method: 'admin', user: userId, password: 'wrong' });
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('do not match');
      expect(await api.devices(userId)).toEqual([]);
    });
  });
}
