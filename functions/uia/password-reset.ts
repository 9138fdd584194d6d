/**
 * `POST /account/password` without an access token: a password reset. UIA with one stage, the address
 * (`m.login.email.identity` or `m.login.msisdn`) proven by a validation session of purpose `reset`; then the
 * new password is set through the homeserver's admin API, exactly once: one session sets one password, and
 * one validation (one mail link, one SMS code) pays for one reset.
 */
import { randomLetters } from '../crypto/random.js';
import { limitExceeded, missingParam, resetAddressNotFound, resetAlreadyDone, unknownLoginType, unknownSession } from '../matrix/errors.js';
import type { PasswordBody } from '../matrix/password-body.js';
import { rethrowForClient } from '../matrix/port-failures.js';
import { LoginType } from '../matrix/login-types.js';
import type { Medium } from '../model/medium.js';
import type { ResetProof, ResetSession } from '../model/reset-session.js';
import type { AccountRecovery, Clock, HomeserverError, ResetSessionStore, SecretBox } from '../ports/index.js';
import { checkResetProof, PROOF_USED, type ResetProofDeps } from './reset-proof.js';

export interface PasswordResetDeps extends ResetProofDeps {
  store: ResetSessionStore;
  homeserver: AccountRecovery;
  box: SecretBox;
  clock: Clock;
  /** The tenant's password rules (length, strength): throws M_WEAK_PASSWORD. */
  checkPassword(password: string): void;
  /** The mediums offered, each its own flow. */
  mediums: Medium[];
  sessionLifetimeMs: number;
  /** How long one call may hold the reset before another may take over (a few homeserver calls). */
  leaseMs: number;
}

export type ResetAnswer = { status: 200 | 401; body: Record<string, unknown> };

const STAGE_OF: Record<Medium, LoginType> = { email: LoginType.EmailIdentity, msisdn: LoginType.Msisdn };
const sealContext = (id: string) => `reset-password:${id}`;
const PASSWORD_HASH = 'reset-password';
const POLL_MS = [20, 40, 80, 160, 250];

export class PasswordReset {
  constructor(private readonly deps: PasswordResetDeps) {}

  async reset(body: PasswordBody): Promise<ResetAnswer> {
    const { store, clock, box } = this.deps;
    // As Synapse: the new password is checked before anything else, so a weak one never waits for a mail.
    if (body.new_password !== undefined) this.deps.checkPassword(body.new_password);
    const sessionId = body.auth?.session;
    let session = sessionId ? await store.get(sessionId, clock.now()) : undefined;
    if (sessionId && !session) throw unknownSession();
    if (!session) session = await this.open(body);
    if (session.status === 'done') return this.replay(session, body.new_password);

    const type = body.auth?.type;
    if (type === undefined) {
      if (body.new_password !== undefined && sessionId) await this.keepPassword(session, body);
      return this.challenge(session);
    }
    const medium = this.mediumOf(type);
    const proof = await checkResetProof(this.deps, medium, body.auth!, session.id, clock.now());
    if ('errcode' in proof) return this.challenge(session, proof);
    const password = body.new_password ?? (session.sealedPassword && box.open(session.sealedPassword, sealContext(session.id)));
    if (!password) throw missingParam('new_password');
    return this.finish(session, proof, password, body.logout_devices ?? session.logoutDevices);
  }

  /** The 401 that starts (or restates) the reset: one flow per medium offered. */
  challenge(session: ResetSession, failure?: { errcode: string; error: string }): ResetAnswer {
    const flows = this.deps.mediums.map((m) => ({ stages: [STAGE_OF[m]] }));
    return { status: 401, body: { session: session.id, flows, params: {}, ...(failure ? { completed: [], ...failure } : {}) } };
  }

  private async open(body: PasswordBody): Promise<ResetSession> {
    const now = this.deps.clock.now();
    const id = randomLetters(24);
    const session: ResetSession = {
      id,
      createdAt: now,
      expiresAt: now + this.deps.sessionLifetimeMs,
      status: 'open',
      logoutDevices: body.logout_devices ?? true,
      ...(body.new_password !== undefined ? { sealedPassword: this.deps.box.seal(body.new_password, sealContext(id)) } : {}),
    };
    await this.deps.store.create(session);
    return session;
  }

  private async keepPassword(session: ResetSession, body: PasswordBody): Promise<void> {
    const sealed = this.deps.box.seal(body.new_password!, sealContext(session.id));
    await this.deps.store.keepPassword(session.id, sealed, body.logout_devices ?? session.logoutDevices, this.deps.clock.now());
  }

  private mediumOf(type: string): Medium {
    const medium = this.deps.mediums.find((m) => STAGE_OF[m] === type);
    if (!medium) throw unknownLoginType();
    return medium;
  }

  /** A retried final call (its answer lost) gets the same 200 and changes nothing; another password is refused. */
  private replay(session: ResetSession, newPassword: string | undefined): ResetAnswer {
    if (newPassword !== undefined && !this.deps.hasher.matches(PASSWORD_HASH, newPassword, session.passwordHash ?? ''))
      throw resetAlreadyDone();
    return { status: 200, body: {} };
  }

  /** Who owns the address now (time passed since it was proven), then the claim, the reset, the record. */
  private async finish(session: ResetSession, proof: ResetProof, password: string, logoutDevices: boolean): Promise<ResetAnswer> {
    const { store, homeserver, clock, box, hasher } = this.deps;
    const userId = await this.activeOwner(proof);
    const lease = { owner: randomLetters(16), until: clock.now() + this.deps.leaseMs };
    const sealedPassword = box.seal(password, sealContext(session.id));
    const claimed = await this.claim(session, { proof, sealedPassword, logoutDevices, lease });
    if (claimed === 'proof-used') return this.challenge(session, PROOF_USED);
    if (claimed.status === 'done') return this.replay(claimed, password);
    try {
      await homeserver.resetPassword(userId, password, logoutDevices);
    } catch (error) {
      // Nothing decided: the same call again (or another call of this session) may finish the reset.
      await store.release(session.id, lease.owner).catch(() => undefined);
      return rethrowForClient(error as HomeserverError);
    }
    await store.finish(session.id, lease.owner, { userId, passwordHash: hasher.hash(PASSWORD_HASH, password) });
    return { status: 200, body: {} };
  }

  private async activeOwner(proof: ResetProof): Promise<string> {
    const { homeserver } = this.deps;
    const owner = await homeserver.findUserByThreepid(proof).catch(rethrowForClient);
    // A deactivated account is left alone: it is answered as an address without an account, as Synapse would.
    if (!owner || (await homeserver.accountState(owner).catch(rethrowForClient)) !== 'active') throw resetAddressNotFound();
    return owner;
  }

  /** One call claims the reset; a concurrent one waits for it to finish (or for its lease to run out). */
  private async claim(session: ResetSession, claim: Parameters<ResetSessionStore['claim']>[1]): Promise<ResetSession | 'proof-used'> {
    const { store, clock } = this.deps;
    const started = Date.now();
    for (let round = 0; ; round++) {
      const outcome = await store.claim(session.id, claim, clock.now());
      if (outcome.won) return outcome.session;
      if ('proofUsed' in outcome) return 'proof-used';
      const current = outcome.current;
      if (!current) throw unknownSession();
      if (current.status === 'done') return current;
      if (Date.now() - started > this.deps.leaseMs) {
        const seconds = Math.max(1, Math.ceil(((current.lease?.until ?? 0) - clock.now()) / 1000));
        throw limitExceeded(seconds, 'The password is being changed; try again shortly');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS[Math.min(round, POLL_MS.length - 1)]));
    }
  }
}
