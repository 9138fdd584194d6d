/** Asks Synapse's admin API which user an address is bound to. */
import type { Threepid } from '../threepid/medium.js';
import { refusal, type HomeserverHttp } from './http-client.js';

export async function userByThreepid(http: HomeserverHttp, adminToken: string, threepid: Threepid): Promise<string | undefined> {
  const path = `/_synapse/admin/v1/threepid/${encodeURIComponent(threepid.medium)}/users/${encodeURIComponent(threepid.address)}`;
  const reply = await http.request('GET', path, { token: adminToken });
  if (reply.status === 404) return undefined;
  if (reply.status === 200 && typeof reply.body.user_id === 'string') return reply.body.user_id;
  throw refusal(reply, 'threepid lookup');
}

/** Binds addresses to an existing account; the v2 user API replaces the whole list. */
export async function bindThreepids(http: HomeserverHttp, adminToken: string, userId: string, threepids: Threepid[]): Promise<void> {
  const reply = await http.request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { body: { threepids }, token: adminToken });
  if (reply.status !== 200 && reply.status !== 201) throw refusal(reply, 'binding addresses');
}
