/** Onboarding on a real Synapse: the rooms a new account joins (admin join API) and its display name (admin v2 PUT). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeserverHttp } from '../../functions/adapters/synapse/http-client.js';
import { synapseOnboarding } from '../../functions/adapters/synapse/onboarding.js';
import { type Harness, type Mode, registerThroughTermsAndDummy } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

const OPERATOR_KEY = 'operator-key-of-the-onboarding-suite';

export function onboardingSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`onboarding on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    let h: Harness;
    const rooms: { publicId: string; inviteId: string; publicAlias: string; inviteAlias: string } = {} as never;
    const missingAlias = `#${freshName('gone')}:${synapse.serverName}`;
    beforeAll(async () => {
      // The admin makes both rooms, so it is in each: the join API needs that for the invite-only one.
      for (const [key, preset] of [
        ['public', 'public_chat'],
        ['invite', 'private_chat'],
      ] as const) {
        const alias = freshName(key);
        const made = await api.call('POST', '/_matrix/client/v3/createRoom', {
          body: { room_alias_name: alias, preset },
          token: synapse.adminToken,
        });
        expect(made.status).toBe(200);
        rooms[`${key}Id`] = (made.body as { room_id: string }).room_id;
        rooms[`${key}Alias`] = `#${alias}:${synapse.serverName}`;
      }
      h = await startFrontDoor(synapse, mode, {
        config: {
          registration: { flows: [['m.login.terms', 'm.login.dummy']] },
          onboarding: { rooms: [rooms.publicAlias, rooms.inviteId] },
        },
        secrets: { operatorKey: OPERATOR_KEY },
      });
    });
    afterAll(() => h?.close());

    const joinedRooms = async (userId: string) =>
      (
        (await api.call('GET', `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/joined_rooms`, { token: synapse.adminToken }))
          .body as {
          joined_rooms: string[];
        }
      ).joined_rooms;

    it('joins a new account to every configured room, by alias and by id, invite-only included', async () => {
      const name = freshName('joiner');
      expect((await registerThroughTermsAndDummy(h, name, { password: 'correct horse battery staple' })).status).toBe(200);
      expect((await joinedRooms(api.userId(name))).sort()).toEqual([rooms.publicId, rooms.inviteId].sort());
    });

    it('sets the display name through the admin API, as the onboarding task does', async () => {
      const name = freshName('named');
      expect((await registerThroughTermsAndDummy(h, name)).status).toBe(200);
      const onboarding = synapseOnboarding(homeserverHttp(synapse.url, 5000), synapse.adminToken);
      await onboarding.setDisplayName(api.userId(name), 'Named Person');
      // Twice changes nothing: a retried task is harmless.
      await onboarding.setDisplayName(api.userId(name), 'Named Person');
      const profile = await api.call('GET', `/_matrix/client/v3/profile/${encodeURIComponent(api.userId(name))}`, {
        token: synapse.adminToken,
      });
      expect(profile.body).toMatchObject({ displayname: 'Named Person' });
      expect(await onboarding.joinRoom(api.userId(name), rooms.publicAlias)).toBe(rooms.publicId);
      expect(await onboarding.joinRoom(api.userId(name), rooms.publicAlias)).toBe(rooms.publicId);
    });

    it('keeps the account when a room cannot be joined: Synapse answers 404 M_NOT_FOUND and the account stays active', async () => {
      const onboarding = synapseOnboarding(homeserverHttp(synapse.url, 5000), synapse.adminToken);
      const name = freshName('orphan');
      expect((await registerThroughTermsAndDummy(h, name)).status).toBe(200);
      await expect(onboarding.joinRoom(api.userId(name), missingAlias)).rejects.toThrow('join: HTTP 404 M_NOT_FOUND');
      expect(await api.user(api.userId(name))).toMatchObject({ deactivated: 0 });
    });
  });
}
