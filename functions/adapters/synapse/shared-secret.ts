/**
 * Creates accounts with Synapse's shared-secret registration (nonce + HMAC-SHA1). It refuses a taken
 * name itself, so it can never change an existing account. Its answer carries a device; a client that
 * asked for no device, or for its own device ID or a refresh token, gets none from it (`inhibit_login`),
 * and a login makes the device instead.
 */
import { createHmac } from 'node:crypto';
import { HomeserverError, type AccountSession, type CreationAttempt, type Homeserver, type NewAccount } from '../../ports/index.js';
import { adoptAccount } from './adoption.js';
import { accountSessionOf, passwordLogin } from './client-api.js';
import { refusal, type HomeserverHttp } from './http-client.js';
import type { Threepid } from '../../model/medium.js';
import { keepForRequest, takeFromRequest } from '../../model/request-context.js';
import { bindThreepids, userByThreepid } from './threepid-lookup.js';
import { usernameAvailable } from './username-check.js';

const REGISTER_PATH = '/_synapse/admin/v1/register';

/**
 * How old a spare nonce may be and still be used. Synapse forgets a nonce 60 s after it gave it out; a spare
 * is dated from before its request was sent, so this leaves room for a slow registration.
 */
export const SPARE_NONCE_MAX_AGE_MS = 40_000;

/** A nonce asked for ahead of the creation that will use it. */
interface SpareNonce {
  askedAt: number;
  answered: boolean;
  nonce?: string;
}

const isUnrecognisedNonce = (reply: { status: number; body: Record<string, unknown> }) =>
  reply.status === 400 && reply.body.error === 'unrecognised nonce';

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
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The nonce for the next creation in this process, asked for beside the registration before it, so that a
   * creation finds one in hand and starts without a round trip. At most one is kept, and used once. Only an
   * answered one is used: a Lambda frozen while asking may never hear the answer.
   */
  private spare?: SpareNonce;

  checkUsername(localpart: string) {
    return this.adminToken ? usernameAvailable(this.http, this.adminToken, localpart) : Promise.resolve('unchecked' as const);
  }

  async createAccount(account: NewAccount, attempt: CreationAttempt): Promise<AccountSession> {
    let registered: AccountSession;
    try {
      registered = await this.register(account);
    } catch (error) {
      if (!(error instanceof HomeserverError && error.kind === 'user-in-use' && attempt.mayExist)) throw error;
      const adopted = await adoptAccount(this.http, account, (userId) => this.bindThreepids(userId, account.threepids));
      if (adopted === 'not-ours') throw error;
      return adopted;
    }
    // Shared-secret registration cannot take addresses; a v2 update without a password binds them cheaply.
    await this.bindThreepids(registered.userId, account.threepids);
    return this.shapeDevice(registered, account);
  }

  async findUserByThreepid(threepid: Threepid) {
    return this.adminToken ? userByThreepid(this.http, this.adminToken, threepid) : undefined;
  }

  /**
   * The nonce of this request's creation: the process's spare while it is fresh, else one fetched now, beside
   * the write that claims the creation. It is the request's own: when the claim is lost it is simply never used.
   */
  prepareCreation(): void {
    const spare = this.spare;
    if (spare?.answered) this.spare = undefined;
    const usable = spare?.nonce !== undefined && this.now() - spare.askedAt < SPARE_NONCE_MAX_AGE_MS;
    keepForRequest(this, usable ? Promise.resolve(spare.nonce) : this.fetchNonce().catch(() => undefined));
  }

  /**
   * Asks for the next creation's nonce while this one's registration runs (it hashes the password: far the
   * longer call). Not waited for: a request never lasts longer for it, and one that fails leaves no spare.
   */
  private askForSpare(): void {
    if (this.spare) return;
    const spare: SpareNonce = { askedAt: this.now(), answered: false };
    this.spare = spare;
    this.fetchNonce().then(
      (nonce) => Object.assign(spare, { nonce, answered: true }),
      () => Object.assign(spare, { answered: true }),
    );
  }

  private async fetchNonce(): Promise<string> {
    const reply = await this.http.request('GET', REGISTER_PATH);
    const nonce = reply.body.nonce;
    if (reply.status !== 200 || typeof nonce !== 'string') throw refusal(reply, 'registration nonce');
    return nonce;
  }

  /** The nonce fetched ahead in this request (a failed fetch left none), else a fresh one. */
  private async nonce(): Promise<{ nonce: string; ahead: boolean }> {
    const ahead = await takeFromRequest<Promise<string | undefined>>(this);
    return ahead ? { nonce: ahead, ahead: true } : { nonce: await this.fetchNonce(), ahead: false };
  }

  private async register(account: NewAccount): Promise<AccountSession> {
    const { nonce, ahead } = await this.nonce();
    const registering = this.registerWith(nonce, account);
    this.askForSpare();
    const reply = await registering;
    // A nonce fetched ahead may have gone meanwhile (its Synapse restarted, another worker answered): once more, fresh.
    if (ahead && isUnrecognisedNonce(reply)) return this.answerOf(await this.registerWith(await this.fetchNonce(), account));
    return this.answerOf(reply);
  }

  private registerWith(nonce: string, account: NewAccount) {
    const { localpart: username, password, device } = account;
    const mac = registrationMac(this.sharedSecret, nonce, username, password);
    // Without a device from the registration, a device the client wants made differently is never an extra one.
    const inhibitLogin = device.inhibitLogin || Boolean(device.deviceId) || device.refreshToken;
    // Synapse reads the device's name from this body as from a client's /register (not covered by the MAC):
    // the device is named as it is made, with no rename after.
    const name = device.initialDeviceDisplayName;
    const deviceFields = inhibitLogin ? { inhibit_login: true } : name ? { initial_device_display_name: name } : {};
    const body = {
      nonce,
      username,
      password,
      admin: false,
      mac,
      ...deviceFields,
      ...(account.displayName ? { displayname: account.displayName } : {}),
    };
    return this.http.request('POST', REGISTER_PATH, { body });
  }

  private answerOf(reply: { status: number; body: Record<string, unknown> }): AccountSession {
    if (isUnrecognisedNonce(reply)) {
      // The nonce lives 60 s in one Synapse process: a slow call or another worker. A retry gets a new one.
      throw new HomeserverError('unavailable', 'shared-secret registration: the nonce was not recognised');
    }
    if (reply.status !== 200) throw refusal(reply, 'shared-secret registration');
    return accountSessionOf(reply.body);
  }

  private async bindThreepids(userId: string, threepids: Threepid[]): Promise<void> {
    if (threepids.length === 0) return;
    if (!this.adminToken) throw new HomeserverError('misconfigured', 'binding addresses needs an admin token');
    await bindThreepids(this.http, this.adminToken, userId, threepids);
  }

  /** Gives the client the device it asked for. */
  private async shapeDevice(registered: AccountSession, account: NewAccount): Promise<AccountSession> {
    const { device } = account;
    if (device.inhibitLogin) return { userId: registered.userId, homeServer: registered.homeServer };
    if (device.deviceId || device.refreshToken) {
      // Only a login can choose the device ID or mint a refresh token.
      const login = await passwordLogin(this.http, account);
      if (login === 'wrong-password') throw new HomeserverError('misconfigured', 'login refused right after registration');
      return login;
    }
    if (!registered.accessToken || !registered.deviceId)
      throw new HomeserverError('misconfigured', 'shared-secret registration gave no device');
    return registered;
  }
}
