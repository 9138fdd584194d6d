/**
 * Creates accounts with Synapse's v2 admin user API, then logs in with the password for the device.
 *
 * That API creates OR replaces, so creation never sends anything that could change an existing account
 * first: an empty PUT answers 201 when it made the account (ours) and 200 when the name existed (not
 * ours, left untouched). Only an account we now know to be ours gets the password and the addresses.
 */
import { HomeserverError, type AccountSession, type CreationAttempt, type Homeserver, type NewAccount } from '../../ports/index.js';
import type { Threepid } from '../../model/medium.js';
import { adoptAccount } from './adoption.js';
import { passwordLogin } from './client-api.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import { bindThreepids, userByThreepid } from './threepid-lookup.js';
import { usernameAvailable } from './username-check.js';

/** Second-granular timestamps and the time between our clock reading and the homeserver's answer. */
const SLACK_MS = 5_000;

export class AdminApiHomeserver implements Homeserver {
  constructor(
    private readonly http: HomeserverHttp,
    private readonly adminToken: string,
    private readonly serverName: string,
  ) {}

  checkUsername(localpart: string) {
    return usernameAvailable(this.http, this.adminToken, localpart);
  }

  async createAccount(account: NewAccount, attempt: CreationAttempt): Promise<AccountSession> {
    const userId = `@${account.localpart}:${this.serverName}`;
    const made = await this.put(userId, {});
    if (made.status !== 201) {
      if (!attempt.mayExist) throw new HomeserverError('user-in-use', 'User ID already taken.');
      return this.adoptOrRefuse(userId, account, attempt);
    }
    return this.finishNew(userId, account);
  }

  findUserByThreepid(threepid: Threepid) {
    return userByThreepid(this.http, this.adminToken, threepid);
  }

  /** The account is ours: its password and addresses, then the device the client asked for. */
  private async finishNew(userId: string, account: NewAccount): Promise<AccountSession> {
    // logout_devices: false, so a late duplicate of this call cannot end the session the login below makes.
    const body = {
      password: account.password,
      logout_devices: false,
      ...(account.threepids.length > 0 ? { threepids: account.threepids } : {}),
      ...(account.displayName ? { displayname: account.displayName } : {}),
    };
    const set = await this.put(userId, body);
    if (set.status !== 200 && set.status !== 201) throw refusal(set, 'admin user API');
    if (account.device.inhibitLogin) return { userId, homeServer: this.serverName };
    const login = await passwordLogin(this.http, account);
    if (login === 'wrong-password') throw new HomeserverError('misconfigured', 'login refused right after the account was made');
    return login;
  }

  /**
   * A retry after a lost answer: the account exists. Ours if the session's password opens it, or if an
   * earlier attempt's empty PUT made it and was lost before the password was set (a blank account,
   * created during this session, that nobody else has touched).
   */
  private async adoptOrRefuse(userId: string, account: NewAccount, attempt: CreationAttempt): Promise<AccountSession> {
    const bind = (id: string) =>
      account.threepids.length > 0 ? bindThreepids(this.http, this.adminToken, id, account.threepids) : Promise.resolve();
    const adopted = await adoptAccount(this.http, account, bind);
    if (adopted !== 'not-ours') return adopted;
    if (!(await this.isBlankAndYoungerThan(userId, attempt.sessionAgeMs)))
      throw new HomeserverError('user-in-use', 'User ID already taken.');
    return this.finishNew(userId, account);
  }

  /** Ages are measured on each side's own clock (the homeserver's from its Date header), so skew between them does not matter. */
  private async isBlankAndYoungerThan(userId: string, sessionAgeMs: number): Promise<boolean> {
    const reply = await this.http.request('GET', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { token: this.adminToken });
    if (reply.status !== 200) throw refusal(reply, 'admin user lookup');
    const user = reply.body;
    const localpart = userId.slice(1, userId.indexOf(':'));
    // Synapse reports creation_ts in seconds.
    const createdMs = typeof user.creation_ts === 'number' ? user.creation_ts * 1000 : 0;
    const homeserverNow = reply.date ?? Date.now();
    const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    return (
      homeserverNow - createdMs <= sessionAgeMs + SLACK_MS &&
      !user.admin &&
      !user.deactivated &&
      empty(user.threepids) &&
      empty(user.external_ids) &&
      empty(user.user_type) &&
      empty(user.appservice_id) &&
      empty(user.avatar_url) &&
      (user.displayname === localpart || empty(user.displayname))
    );
  }

  private put(userId: string, body: Record<string, unknown>) {
    return this.http
      .request('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { body, token: this.adminToken })
      .then((reply) => {
        if (reply.status === 200 || reply.status === 201) return reply;
        throw refusal(reply, 'admin user API');
      });
  }
}
