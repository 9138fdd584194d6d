/**
 * `POST /account/3pid/add`: the user's password (UIA, one `m.login.password` stage), then the address of a
 * validation that this same user (or, without an access token, nobody yet) asked for bound to the account,
 * once, whatever is retried or raced.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { randomLetters } from '../crypto/random.js';
import { ErrCode } from '../matrix/errcodes.js';
import { forbidden, MatrixError, temporarilyUnavailable, threepidInUse, unknownSession, unknownToken } from '../matrix/errors.js';
import { rethrowForClient } from '../matrix/port-failures.js';
import type { Threepid } from '../model/medium.js';
import { ValidationPurpose, type ValidationSession } from '../model/validation-session.js';
import type { AccountThreepids, AddressClaims, AddSession, AddSessionStore, Clock, ThreepidStore } from '../ports/index.js';
import { assertStillUsable } from './recheck.js';
import { Purpose } from './secrets.js';
import type { ThreepidConfig } from './threepid-config.js';

const PASSWORD_LOGIN = 'm.login.password';
const FLOWS = { flows: [{ stages: [PASSWORD_LOGIN] }], params: {} };
const LOCK_WAIT_MS = 100;

export interface AddRequest {
  /** Whose access token the call carries (the homeserver's whoami said so). */
  userId: string;
  accessToken: string;
  sid: string;
  clientSecret: string;
  auth?: Record<string, unknown>;
}

/** `done`: the address is bound (200 `{}`); `challenge`: the 401 body that asks for the password. */
export type AddOutcome = { kind: 'done' } | { kind: 'challenge'; body: Record<string, unknown> };

export interface AccountAdditionDeps {
  sessions: AddSessionStore;
  validations: ThreepidStore;
  claims: AddressClaims;
  accounts: AccountThreepids;
  hasher: KeyedHash;
  clock: Clock;
  config: ThreepidConfig;
  sessionLifetimeMs: number;
  /** How long one bind may hold the user's address list: a few homeserver calls. */
  lockMs: number;
}

export class AccountAdditions {
  constructor(private readonly deps: AccountAdditionDeps) {}

  async add(request: AddRequest): Promise<AddOutcome> {
    const sessionId = request.auth?.session;
    if (typeof sessionId !== 'string') {
      const session = await this.begin(request);
      // An auth dict without a session is checked at once, as Synapse does; without one, the challenge.
      if (request.auth?.type === undefined) return { kind: 'challenge', body: { session: session.id, ...FLOWS } };
      return this.continue(session, request);
    }
    const session = await this.deps.sessions.get(sessionId, this.deps.clock.now());
    if (!session || session.userId !== request.userId) throw unknownSession();
    const sameRequest =
      session.sid === request.sid && this.deps.hasher.matches(Purpose.ClientSecret, request.clientSecret, session.clientSecretHash);
    if (!sameRequest) throw forbidden('Requested operation has changed during the UI authentication session.');
    return this.continue(session, request);
  }

  private async begin(request: AddRequest): Promise<AddSession> {
    const now = this.deps.clock.now();
    const session: AddSession = {
      id: randomLetters(24),
      userId: request.userId,
      sid: request.sid,
      clientSecretHash: this.deps.hasher.hash(Purpose.ClientSecret, request.clientSecret),
      expiresAt: now + this.deps.sessionLifetimeMs,
    };
    await this.deps.sessions.create(session);
    return session;
  }

  private async continue(session: AddSession, request: AddRequest): Promise<AddOutcome> {
    if (session.passwordAt === undefined) {
      const answer = await this.passwordStage(session, request);
      if (answer) return answer;
    }
    if (session.boundAt !== undefined) return { kind: 'done' };
    const validation = await this.validated(session, request.clientSecret);
    await this.bindOnce(session, { medium: validation.medium, address: validation.address }, validation.expiresAt, validation.country);
    return { kind: 'done' };
  }

  /** The password stage; a challenge when the call brings no password, a 401 M_FORBIDDEN when it is wrong. */
  private async passwordStage(session: AddSession, request: AddRequest): Promise<AddOutcome | undefined> {
    const auth = request.auth ?? {};
    const challenge = { session: session.id, ...FLOWS, completed: [] };
    if (auth.type === undefined) return { kind: 'challenge', body: challenge };
    if (auth.type !== PASSWORD_LOGIN) throw new MatrixError(401, ErrCode.Unauthorized, 'Only the password can confirm this', challenge);
    const password = auth.password;
    const wrong = () => new MatrixError(401, ErrCode.Forbidden, 'Invalid username or password', challenge);
    // The identifier may name only the token's own user; the password of anyone else is never tried.
    if (typeof password !== 'string' || password.length === 0 || !namesUser(auth, request.userId)) throw wrong();
    const checked = await this.deps.accounts.checkPassword(request.accessToken, request.userId, password).catch(rethrowForClient);
    if (checked === 'unknown-token') throw unknownToken();
    if (checked === 'wrong-password') throw wrong();
    await this.deps.sessions.passPassword(session.id, this.deps.clock.now());
    return undefined;
  }

  /**
   * The validation the session names: for an add, confirmed, the client secret its own (compared in constant
   * time), and asked for by this user or by nobody in particular (requestToken without an access token, as the
   * spec allows: whoever holds the sid, the client secret and this account's password binds it here).
   */
  private async validated(session: AddSession, clientSecret: string): Promise<ValidationSession> {
    const validation = await this.deps.validations.get(session.sid, this.deps.clock.now());
    const ours =
      validation !== undefined &&
      validation.purpose === ValidationPurpose.Add &&
      (validation.userId === undefined || validation.userId === session.userId) &&
      this.deps.hasher.matches(Purpose.ClientSecret, clientSecret, validation.clientSecretHash);
    if (!ours || validation.validatedAt === undefined) {
      throw new MatrixError(400, ErrCode.ThreepidAuthFailed, 'No validated 3pid session found');
    }
    return validation;
  }

  /**
   * Under the user's list lock (the homeserver's list is read and written whole): the address claimed as
   * at sign-up, checked free (or already this user's), bound, and the session marked. A racing call waits
   * for the lock and then finds the address bound.
   */
  /** `country`: a phone number's, as stored with its validation (the re-check's; see threepid/phone-country.ts). */
  private async bindOnce(session: AddSession, threepid: Threepid, claimUntil: number, country?: string): Promise<void> {
    const { sessions, claims, accounts, clock, config } = this.deps;
    const owner = randomLetters(24);
    await this.lock(session.userId, owner);
    try {
      const now = clock.now();
      if ((await sessions.get(session.id, now))?.boundAt !== undefined) return;
      // The same claim as a sign-up's, owned by the account: one address, one account, whoever binds first.
      const claimed = await claims.claim(`account:${session.userId}`, [threepid], Math.max(claimUntil, now), now);
      if (claimed === 'taken') throw threepidInUse('This address is being used by a sign-up');
      await assertStillUsable([threepid], config, accounts, session.userId, country ? { [threepid.address]: country } : {});
      await accounts.bind(session.userId, threepid).catch(rethrowForClient);
      await sessions.markBound(session.id, clock.now());
    } finally {
      await sessions.unlockList(session.userId, owner).catch(() => undefined);
    }
  }

  private async lock(userId: string, owner: string): Promise<void> {
    const { sessions, clock, lockMs } = this.deps;
    for (let waited = 0; ; waited += LOCK_WAIT_MS) {
      const now = clock.now();
      if (await sessions.lockList(userId, owner, now + lockMs, now)) return;
      if (waited >= lockMs) throw temporarilyUnavailable('Another change of this account’s addresses is under way; try again shortly');
      await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
    }
  }
}

/** The auth dict's user (`identifier.user`, or the older `user`), as a localpart or a full user ID. */
function namesUser(auth: Record<string, unknown>, userId: string): boolean {
  const identifier = auth.identifier as { type?: unknown; user?: unknown } | undefined;
  const named = identifier?.type === 'm.id.user' ? identifier.user : auth.user;
  if (typeof named !== 'string') return false;
  const localpart = userId.slice(1, userId.indexOf(':'));
  return named === userId || named.toLowerCase() === localpart || named.toLowerCase() === userId.toLowerCase();
}
