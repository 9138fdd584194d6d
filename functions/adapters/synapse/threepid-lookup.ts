/** Asks Synapse's admin API which user an address is bound to (Synapse 1.72 and later). */
import { HomeserverError } from '../../ports/index.js';
import type { Threepid } from '../../model/medium.js';
import { refusal, type HomeserverReply, type HomeserverHttp } from './http-client.js';

export const threepidLookupPath = (threepid: Threepid) =>
  `/_synapse/admin/v1/threepid/${encodeURIComponent(threepid.medium)}/users/${encodeURIComponent(threepid.address)}`;

/**
 * What one answer of the lookup says. Only Synapse's own "User not found" (404 M_NOT_FOUND) means the
 * address is free: a proxy's HTML 404 or an unknown endpoint must never let an address change hands.
 */
export type LookupAnswer = { owner: string } | { free: true } | { unrecognized: true } | { unexpected: true };

export function readLookupAnswer(reply: HomeserverReply): LookupAnswer {
  const errcode = reply.body.errcode;
  if (reply.status === 200 && typeof reply.body.user_id === 'string') return { owner: reply.body.user_id };
  if (reply.status === 404 && errcode === 'M_NOT_FOUND') return { free: true };
  // Synapse before 1.72 answers 400 (newer routers 404) M_UNRECOGNIZED: only the start-up probe may read that as "missing".
  if ((reply.status === 400 || reply.status === 404 || reply.status === 405) && errcode === 'M_UNRECOGNIZED') return { unrecognized: true };
  return { unexpected: true };
}

export async function userByThreepid(http: HomeserverHttp, adminToken: string, threepid: Threepid): Promise<string | undefined> {
  const reply = await http.request('GET', threepidLookupPath(threepid), { token: adminToken });
  const answer = readLookupAnswer(reply);
  if ('owner' in answer) return answer.owner;
  if ('free' in answer) return undefined;
  // A refused admin token is a setup fault the operator must fix; a 429 keeps its Retry-After.
  if (reply.status === 401 || reply.status === 403 || reply.status === 429) throw refusal(reply, 'threepid lookup');
  // Fails closed: the client is asked to retry, and no address is taken for free on an answer we cannot read.
  throw new HomeserverError(
    'unavailable',
    `threepid lookup: unexpected HTTP ${reply.status} ${typeof reply.body.errcode === 'string' ? reply.body.errcode : '(no errcode)'}`,
  );
}

/** Binds addresses to an existing account; the v2 user API replaces the whole list. */
export async function bindThreepids(http: HomeserverHttp, adminToken: string, userId: string, threepids: Threepid[]): Promise<void> {
  const reply = await http.request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
    body: { threepids },
    token: adminToken,
  });
  if (reply.status !== 200 && reply.status !== 201) throw refusal(reply, 'binding addresses');
}
