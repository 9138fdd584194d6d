/**
 * Onboarding through Synapse's admin API: `POST /_synapse/admin/v1/join/<room>` with `{user_id}` (the admin
 * must be in the room and, for an invite-only room, allowed to invite) and `PUT /_synapse/admin/v2/users/<id>`
 * with `{displayname}` (an update of an existing user answers 200).
 */
import type { AccountOnboarding } from '../../ports/onboarding.js';
import type { HomeserverHttp, HomeserverReply } from './http-client.js';

/** Names the call and the homeserver's errcode only: the reply might echo what was sent. */
const refused = (what: string, reply: HomeserverReply) =>
  new Error(`${what}: HTTP ${reply.status}${typeof reply.body.errcode === 'string' ? ` ${reply.body.errcode}` : ''}`);

export function synapseOnboarding(http: HomeserverHttp, adminToken: string): AccountOnboarding {
  return {
    async joinRoom(userId, room) {
      const reply = await http.request('POST', `/_synapse/admin/v1/join/${encodeURIComponent(room)}`, {
        body: { user_id: userId },
        token: adminToken,
      });
      if (reply.status !== 200 || typeof reply.body.room_id !== 'string') throw refused('join', reply);
      return reply.body.room_id;
    },
    async setDisplayName(userId, displayName) {
      const reply = await http.request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
        body: { displayname: displayName },
        token: adminToken,
      });
      if (reply.status !== 200 && reply.status !== 201) throw refused('displayname', reply);
    },
  };
}
