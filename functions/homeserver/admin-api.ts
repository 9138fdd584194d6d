/** Creates accounts with Synapse's v2 admin user API, then logs in with the password for the device. */
import { HomeserverError, type AccountSession, type Homeserver, type NewAccount } from '../ports.js';
import type { Threepid } from '../threepid/medium.js';
import { passwordLogin } from './client-api.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import { bindThreepids, userByThreepid } from './threepid-lookup.js';
import { usernameAvailable } from './username-check.js';

export class AdminApiHomeserver implements Homeserver {
  constructor(
    private readonly http: HomeserverHttp,
    private readonly adminToken: string,
    private readonly serverName: string,
  ) {}

  checkUsername(localpart: string) {
    return usernameAvailable(this.http, this.adminToken, localpart);
  }

  async createAccount(account: NewAccount): Promise<AccountSession> {
    // The v2 user API creates or replaces: ask first, so that an existing account is refused, never changed.
    const availability = await this.checkUsername(account.localpart);
    if (availability === 'in-use') throw new HomeserverError('user-in-use', 'User ID already taken.');
    if (availability === 'invalid') throw new HomeserverError('invalid-username', 'The homeserver refuses this username');
    const userId = `@${account.localpart}:${this.serverName}`;
    const reply = await this.http.request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
      // logout_devices: false, so a late duplicate of this call cannot end the session the login below makes.
      body: { password: account.password, logout_devices: false, ...(account.threepids.length > 0 ? { threepids: account.threepids } : {}) },
      token: this.adminToken,
    });
    if (reply.status !== 201 && reply.status !== 200) throw refusal(reply, 'admin user API');
    if (account.device.inhibitLogin) return { userId, homeServer: this.serverName };
    const login = await passwordLogin(this.http, account);
    if (login === 'wrong-password') throw new HomeserverError('misconfigured', 'login refused right after the account was made');
    return login;
  }

  logIn(account: NewAccount) {
    return passwordLogin(this.http, account);
  }

  findUserByThreepid(threepid: Threepid) {
    return userByThreepid(this.http, this.adminToken, threepid);
  }

  bindThreepids(userId: string, threepids: Threepid[]) {
    return bindThreepids(this.http, this.adminToken, userId, threepids);
  }
}
