/**
 * Creates accounts with Synapse's shared-secret registration (nonce + HMAC-SHA1). The answer carries a
 * device; client API calls then give it the name or id the client asked for.
 */
import { createHmac } from 'node:crypto';
import { HomeserverError, type AccountSession, type Homeserver, type NewAccount } from '../ports.js';
import { accountSessionOf, logOut, passwordLogin, renameDevice } from './client-api.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import type { Threepid } from '../threepid/medium.js';
import { bindThreepids, userByThreepid } from './threepid-lookup.js';
import { usernameAvailable } from './username-check.js';

const REGISTER_PATH = '/_synapse/admin/v1/register';

/** The MAC Synapse expects: hex HMAC-SHA1 over nonce, user, password and admin flag, NUL-separated. */
export function registrationMac(secret: string, nonce: string, username: string, password: string, admin = false): string {
  return createHmac('sha1', secret)
    .update([nonce, username, password, admin ? 'admin' : 'notadmin'].join('\0'), 'utf8')
    .digest('hex');
}

export class SharedSecretHomeserver implements Homeserver {
  constructor(
    private readonly http: HomeserverHttp,
    private readonly sharedSecret: string,
    /** Optional: without an admin token, a taken name is only found out when the account is created. */
    private readonly adminToken?: string,
  ) {}

  checkUsername(localpart: string) {
    return this.adminToken ? usernameAvailable(this.http, this.adminToken, localpart) : Promise.resolve('unchecked' as const);
  }

  async createAccount(account: NewAccount): Promise<AccountSession> {
    const nonceReply = await this.http.request('GET', REGISTER_PATH);
    const nonce = nonceReply.body.nonce;
    if (nonceReply.status !== 200 || typeof nonce !== 'string') throw refusal(nonceReply, 'registration nonce');
    const { localpart: username, password } = account;
    const mac = registrationMac(this.sharedSecret, nonce, username, password);
    const reply = await this.http.request('POST', REGISTER_PATH, { body: { nonce, username, password, admin: false, mac } });
    if (reply.status !== 200) throw refusal(reply, 'shared-secret registration');
    const registered = accountSessionOf(reply.body);
    // Shared-secret registration cannot take addresses; a v2 update without a password binds them cheaply.
    await this.bindThreepids(registered.userId, account.threepids);
    return this.shapeDevice(registered, account);
  }

  async bindThreepids(userId: string, threepids: Threepid[]): Promise<void> {
    if (threepids.length === 0) return;
    if (!this.adminToken) throw new HomeserverError('misconfigured', 'binding addresses needs an admin token');
    await bindThreepids(this.http, this.adminToken, userId, threepids);
  }

  logIn(account: NewAccount) {
    return passwordLogin(this.http, account);
  }

  async findUserByThreepid(threepid: Threepid) {
    return this.adminToken ? userByThreepid(this.http, this.adminToken, threepid) : undefined;
  }

  /** The registration always makes a device; adjust it to what the client asked for. */
  private async shapeDevice(registered: AccountSession, account: NewAccount): Promise<AccountSession> {
    const { device } = account;
    const token = registered.accessToken;
    if (!token) throw new HomeserverError('misconfigured', 'shared-secret registration gave no access token');
    if (device.inhibitLogin) {
      await logOut(this.http, token);
      return { userId: registered.userId, homeServer: registered.homeServer };
    }
    if (device.deviceId || device.refreshToken) {
      // Only a login can choose the device id or mint a refresh token; the registration's device goes.
      const login = await passwordLogin(this.http, account);
      if (login === 'wrong-password') throw new HomeserverError('misconfigured', 'login refused right after registration');
      await logOut(this.http, token);
      return login;
    }
    if (device.initialDeviceDisplayName && registered.deviceId) {
      await renameDevice(this.http, token, registered.deviceId, device.initialDeviceDisplayName);
    }
    return registered;
  }
}
