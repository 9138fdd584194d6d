/**
 * An account's addresses on Synapse after sign-up: the password checked through the client API's own UIA
 * (no login, so no device), and an address bound through the v2 admin user API without dropping the others.
 */
import { HomeserverError, type AccountThreepids } from '../../ports/index.js';
import type { Threepid } from '../../model/medium.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import { userByThreepid } from './threepid-lookup.js';

const PASSWORD_LOGIN = 'm.login.password';

export class SynapseAccountThreepids implements AccountThreepids {
  constructor(
    private readonly http: HomeserverHttp,
    private readonly adminToken: string,
  ) {}

  /**
   * Deletes no devices (an empty list) behind the password stage: Synapse checks the password as it would
   * for a real deletion, and a login (which would make a device to log out again) is never needed.
   */
  async checkPassword(accessToken: string, userId: string, password: string) {
    const auth = { type: PASSWORD_LOGIN, identifier: { type: 'm.id.user', user: userId }, password };
    const reply = await this.http.request('POST', '/_matrix/client/v3/delete_devices', { body: { devices: [], auth }, token: accessToken });
    if (reply.status === 200) return 'ok' as const;
    if (reply.status === 401 && reply.body.errcode === 'M_FORBIDDEN') return 'wrong-password' as const;
    if (reply.status === 401 && (reply.body.errcode === 'M_UNKNOWN_TOKEN' || reply.body.errcode === 'M_MISSING_TOKEN'))
      return 'unknown-token' as const;
    throw refusal(reply, 'password check');
  }

  /** Synapse 1.67's PUT compares the list it gets with the stored one: kept addresses keep their times. */
  async bind(userId: string, threepid: Threepid): Promise<void> {
    const path = `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`;
    const current = await this.http.request('GET', path, { token: this.adminToken });
    if (current.status !== 200) throw refusal(current, 'admin user lookup');
    const existing = threepidsOf(current.body.threepids);
    if (existing.some((t) => t.medium === threepid.medium && t.address === threepid.address)) return;
    const reply = await this.http.request('PUT', path, { body: { threepids: [...existing, threepid] }, token: this.adminToken });
    if (reply.status !== 200 && reply.status !== 201) throw refusal(reply, 'binding an address');
  }

  findUserByThreepid(threepid: Threepid) {
    return userByThreepid(this.http, this.adminToken, threepid);
  }
}

/**
 * Only medium and address: the PUT takes nothing else, and the times stay as Synapse keeps them. Every
 * entry is kept, whatever its medium: one left out of the PUT would be deleted.
 */
function threepidsOf(list: unknown): Threepid[] {
  if (!Array.isArray(list)) throw new HomeserverError('misconfigured', 'admin user lookup: no threepids list');
  return list.map((item) => {
    const { medium, address } = (item ?? {}) as { medium?: unknown; address?: unknown };
    if (typeof medium !== 'string' || typeof address !== 'string')
      throw new HomeserverError('misconfigured', 'admin user lookup: an odd threepid');
    return { medium, address } as Threepid;
  });
}
