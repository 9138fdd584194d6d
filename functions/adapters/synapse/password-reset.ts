/** A password reset on Synapse: who owns the address, whether the account is active, and the admin reset itself. */
import type { Threepid } from '../../model/medium.js';
import type { AccountRecovery, AccountState } from '../../ports/index.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import { userByThreepid } from './threepid-lookup.js';

const userPath = (userId: string) => `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`;

export class SynapseAccountRecovery implements AccountRecovery {
  constructor(
    private readonly http: HomeserverHttp,
    private readonly adminToken: string,
  ) {}

  findUserByThreepid(threepid: Threepid): Promise<string | undefined> {
    return userByThreepid(this.http, this.adminToken, threepid);
  }

  async accountState(userId: string): Promise<AccountState> {
    const reply = await this.http.request('GET', userPath(userId), { token: this.adminToken });
    if (reply.status === 404 && reply.body.errcode === 'M_NOT_FOUND') return 'missing';
    if (reply.status !== 200) throw refusal(reply, 'admin user lookup');
    // Synapse 1.67 reports 0 or 1; newer ones true or false.
    return reply.body.deactivated === 1 || reply.body.deactivated === true ? 'deactivated' : 'active';
  }

  async resetPassword(userId: string, newPassword: string, logoutDevices: boolean): Promise<void> {
    const reply = await this.http.request('POST', `/_synapse/admin/v1/reset_password/${encodeURIComponent(userId)}`, {
      body: { new_password: newPassword, logout_devices: logoutDevices },
      token: this.adminToken,
    });
    if (reply.status !== 200) throw refusal(reply, 'admin password reset');
  }
}
