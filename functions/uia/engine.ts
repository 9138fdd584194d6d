/**
 * `POST /register`: keeps who is registering in the session, runs the UIA stage the call carries, and
 * once a flow is complete creates the account exactly once, however often the final call is repeated.
 */
import { randomLetters } from '../crypto/random.js';
import { sameSecret } from '../crypto/same-secret.js';
import type { RegisterBody } from '../matrix/register-body.js';
import { MatrixError, missingParam, unknownLoginType, unknownSession, userInUse } from '../matrix/errors.js';
import type { Clock, CreationHook, CreationLease, SecretBox, SessionStore } from '../ports/index.js';
import type { FlowSet } from './flows.js';
import type { StageFailure } from './stages/stage.js';
import { completedStages, withStage, type DeviceRequest, type RegistrationSession, type StageRecord } from '../model/session.js';
import { type AccountCreator, passwordContext, registerResponse } from './account-creation.js';
import type { IdentityPolicy } from './identity.js';
import { CreationWaiter } from './creation-waiter.js';
import { RESUME_WINDOW_MS, type NameHolds } from './name-holds.js';

export interface RegisterAnswer {
  status: 200 | 401;
  body: Record<string, unknown>;
}

export interface RegistrationDeps {
  store: SessionStore;
  box: SecretBox;
  clock: Clock;
  flows: FlowSet;
  identity: IdentityPolicy;
  creator: AccountCreator;
  sessionLifetimeMs: number;
  /** How long one claim on account creation lasts before another call may take over. */
  creationLeaseMs: number;
  /** Run around account creation (registration-token uses, account records). */
  hooks?: CreationHook[];
  /** What holding a name costs: short holds, a cap per client IP, a limited resume. */
  holds: NameHolds;
}

const resultContext = (sessionId: string) => `result:${sessionId}`;

export class Registration {
  private readonly waiter: CreationWaiter;

  constructor(private readonly deps: RegistrationDeps) {
    this.waiter = new CreationWaiter(deps.store, deps.clock, deps.creationLeaseMs);
  }

  /** `clientNetwork`: what per-client counts key on (the IPv4 address, or the IPv6 network). */
  async register(body: RegisterBody, clientIp: string, clientNetwork = clientIp): Promise<RegisterAnswer> {
    const { store, clock } = this.deps;
    const sessionId = body.auth?.session;
    const prepared = this.prepareStage(body.auth, clock.now());
    let session = sessionId ? await store.get(sessionId, clock.now()) : undefined;
    if (sessionId && !session) throw unknownSession();
    if (session?.status === 'done') return this.replay(session);
    session = await this.identify(session, body, clientNetwork);
    const device = deviceOf(body, session.device);

    const type = body.auth?.type;
    // Own properties only: a type named like an Object.prototype member is an unknown stage, not a done one.
    if (type !== undefined && (!hasPassed(session, type) || this.deps.flows.stage(type)?.checksAgain)) {
      const outcome = await this.runStage(session, type, body.auth!, clientIp, device, prepared);
      if ('body' in outcome) return outcome;
      session = outcome;
    }
    if (session.status === 'done') return this.replay(session);
    if (!this.deps.flows.isComplete(completedStages(session))) return this.challenge(session);
    assertIdentityComplete(session);
    return this.finish(session, device);
  }

  /**
   * `GET /register/available`: the name's grammar, then a hold by a live session here (taken, as it will
   * be once that session finishes), then the homeserver; an unavailable name throws its Matrix error.
   */
  async assertAvailable(username: string): Promise<void> {
    const { identity, store, clock } = this.deps;
    const localpart = identity.localpart(username);
    if (await store.usernameHolder(localpart, clock.now())) throw userInUse();
    await identity.assertFreeOnHomeserver(localpart);
  }

  /** Starts the read the call's stage needs (a 3PID stage's validation session) beside the session read. */
  private prepareStage(auth: RegisterBody['auth'], now: number): Promise<unknown> | undefined {
    const type = auth?.type;
    const prepared = type === undefined ? undefined : this.deps.flows.stage(type)?.prepare?.(auth!, now);
    // Left unused when the session is unknown, done or already past this stage: a failure must not go unhandled.
    prepared?.catch(() => undefined);
    return prepared;
  }

  /** The 401 that tells the client where it stands, with a stage's error merged in when one failed. */
  challenge(session: RegistrationSession, failure?: { errcode: string; error: string }): RegisterAnswer {
    const completed = completedStages(session);
    return {
      status: 401,
      body: {
        session: session.id,
        ...this.deps.flows.advertised,
        ...(completed.length > 0 ? { completed } : {}),
        ...(failure ? { completed, ...failure } : {}),
      },
    };
  }

  /** Takes the username and password the call carries: a first call makes the session, later ones update it. */
  private async identify(
    session: RegistrationSession | undefined,
    body: RegisterBody,
    clientNetwork: string,
  ): Promise<RegistrationSession> {
    const { identity, store, clock, box, holds } = this.deps;
    const localpart = body.username !== undefined ? identity.localpart(body.username) : undefined;
    if (body.password !== undefined) identity.checkPassword(body.password, localpart ?? session?.username);
    const newName = localpart !== undefined && localpart !== session?.username;
    // The last password the client sent wins, as on a homeserver; an unchanged one costs no write.
    const newPassword = body.password !== undefined && (newName || !session?.sealedPassword || !this.holdsPassword(session, body.password));
    if (session && (session.status !== 'open' || (!newName && !newPassword))) return session;
    const now = clock.now();
    if (newName) await Promise.all([identity.assertFreeOnHomeserver(localpart), holds.admit(clientNetwork, now)]);

    const id = session?.id ?? randomLetters(24);
    const sealedPassword = newPassword ? box.seal(body.password!, passwordContext(id)) : session?.sealedPassword;
    const username = localpart ?? session?.username;
    const device = deviceOf(body, session?.device);
    if (!session) {
      const fresh: RegistrationSession = {
        id,
        createdAt: now,
        expiresAt: now + this.deps.sessionLifetimeMs,
        status: 'open',
        stages: {},
        username,
        sealedPassword,
        device,
      };
      if ((await store.create(fresh, now, this.holdUntil(fresh, now))) === 'username-taken') {
        return (await this.resumeUnanswered(username!, body.password, now)) ?? throwing(userInUse());
      }
      return fresh;
    }
    const outcome = await store.setIdentity(session, { username, sealedPassword, device }, now, this.holdUntil(session, now));
    if (outcome === 'username-taken') throw userInUse();
    if (outcome === 'contended') return (await store.get(id, clock.now())) ?? throwing(unknownSession());
    return { ...session, username, sealedPassword, device };
  }

  /**
   * A first call whose answer was lost (the session was stored, the client never heard) is sent again: the
   * name is then held by that session. The same name and password, on a session with nothing done yet, is
   * that client: give it its session back rather than locking it out of its own name.
   */
  private async resumeUnanswered(localpart: string, password: string | undefined, now: number): Promise<RegistrationSession | undefined> {
    const { store, holds } = this.deps;
    const holderId = password === undefined ? undefined : await store.usernameHolder(localpart, now);
    const holder = holderId ? await store.get(holderId, now) : undefined;
    // Only a session that nothing was done in yet, only just after it began, and only a few tries per name:
    // a session ID is a bearer credential, and the password must not be guessable through this door.
    if (holder?.status !== 'open' || completedStages(holder).length > 0 || !holder.sealedPassword) return undefined;
    if (now - holder.createdAt > RESUME_WINDOW_MS || !(await holds.mayTryResume(localpart, now))) return undefined;
    return this.holdsPassword(holder, password!) ? holder : undefined;
  }

  private holdsPassword(session: RegistrationSession, password: string): boolean {
    return (
      session.sealedPassword !== undefined && sameSecret(this.deps.box.open(session.sealedPassword, passwordContext(session.id)), password)
    );
  }

  /** A name is held briefly until the session passes a stage, then for the rest of the session. */
  private holdUntil(session: RegistrationSession, now: number): number {
    return completedStages(session).length > 0 ? session.expiresAt : Math.min(session.expiresAt, this.deps.holds.holdUntil(now));
  }

  private async runStage(
    session: RegistrationSession,
    type: string,
    auth: Record<string, unknown>,
    clientIp: string,
    device: DeviceRequest,
    prepared?: Promise<unknown>,
  ): Promise<RegistrationSession | RegisterAnswer> {
    const { flows, store, clock } = this.deps;
    const stage = flows.stage(type);
    if (!stage) throw unknownLoginType();
    if (session.status !== 'open') return session;
    const now = clock.now();
    const result = await stage.check({ auth, session, clientIp, now, prepared });
    if (!result.passed) return this.challenge(session, { errcode: result.errcode, error: result.error });
    // A stage checked again after it passed (checksAgain) changes nothing.
    if (hasPassed(session, stage.type)) return session;

    const record: StageRecord = { at: now, ...result.details };
    const withRecord = withStage(session, stage.type, record);
    const finishes = flows.isComplete(completedStages(withRecord)) && hasIdentity(session);
    const lease = finishes ? this.newLease(now) : undefined;
    // The addresses are claimed beside the session write, not after it: one store round trip fewer.
    const addresses = lease ? this.startAddressClaim(withRecord) : undefined;
    // The first passed stage makes the short hold on the name last as long as the session, and the call that
    // creates the account must still hold it: either way, one write beside the session's.
    const holdName = session.username !== undefined && (lease !== undefined || completedStages(session).length === 0);
    const held = holdName ? store.extendHold(session.username!, session.id, session.expiresAt, now) : undefined;
    held?.catch(() => undefined);
    const written = await store.completeStage(session.id, stage.type, record, now, lease);
    if (written.won && lease) return this.create(written.session, lease, device, addresses, held);
    if (written.won) return written.session;
    // Another call changed the session first (often the same stage, sent twice): carry on from what it left.
    return written.current && written.current.expiresAt > now ? written.current : throwing(unknownSession());
  }

  /** Creates the account, or joins the call that is creating it, or replays what it made. */
  private async finish(session: RegistrationSession, device: DeviceRequest): Promise<RegisterAnswer> {
    const lease = this.newLease(this.deps.clock.now());
    const claimed = await this.waiter.claim(session, lease);
    if (claimed.status === 'done') return this.replay(claimed);
    return this.create(claimed, lease, device);
  }

  /** Left unused when the session write loses (the claim is the session's own, and ends with it): never unhandled. */
  private startAddressClaim(session: RegistrationSession): Promise<void> {
    const claim = this.deps.creator.claimAddresses(session);
    claim.catch(() => undefined);
    return claim;
  }

  /** `renewed`: the hold on the name, when the caller renewed it already (see runStage). */
  private async create(
    session: RegistrationSession,
    lease: CreationLease,
    device: DeviceRequest,
    addresses?: Promise<void>,
    renewed?: Promise<boolean>,
  ): Promise<RegisterAnswer> {
    const { store, box, creator, hooks = [] } = this.deps;
    let body: Record<string, unknown>;
    try {
      // A name held only briefly may have lapsed and gone to someone else: only its holder creates it.
      // Checked beside the hooks; a loss after them is a refusal like any other, and they give back.
      const held = renewed ?? store.extendHold(session.username!, session.id, session.expiresAt, this.deps.clock.now());
      held.catch(() => undefined);
      for (const hook of hooks) await hook.beforeCreate(session);
      if (!(await held)) throw userInUse();
      body = registerResponse(await creator.create(session, device, this.deps.clock.now(), addresses));
    } catch (error) {
      // A refusal (4xx) is final for this attempt: hooks give back what they took. A fault may have made the account.
      if (error instanceof MatrixError && error.status < 500 && error.status !== 429) {
        for (const hook of hooks) await hook.refused(session).catch(() => undefined);
      }
      // The session keeps its stages; the next call on it tries again.
      await store.releaseCreation(session.id, lease.owner).catch(() => undefined);
      throw error;
    }
    const recorded = await store.finishCreation(
      session.id,
      String(body.user_id),
      box.seal(JSON.stringify(body), resultContext(session.id)),
    );
    for (const hook of hooks) await hook.created(session, String(body.user_id)).catch(() => undefined);
    if (!recorded.won && recorded.current?.status === 'done') return this.replay(recorded.current);
    return { status: 200, body };
  }

  /** Runs one stage for a fallback page: records it when it passes, never creates the account. */
  async passStage(sessionId: string, auth: Record<string, unknown>, clientIp: string): Promise<{ passed: true } | StageFailure> {
    const { store, clock, flows } = this.deps;
    const session = (await store.get(sessionId, clock.now())) ?? throwing(unknownSession());
    const stage = flows.stage(String(auth.type)) ?? throwing(unknownLoginType());
    if (session.status !== 'open' || (hasPassed(session, stage.type) && !stage.checksAgain)) return { passed: true };
    const now = clock.now();
    const result = await stage.check({ auth, session, clientIp, now });
    if (result.passed && !hasPassed(session, stage.type)) {
      await store.completeStage(session.id, stage.type, { at: now, ...result.details }, now);
      if (session.username) await store.extendHold(session.username, session.id, session.expiresAt, now);
    }
    return result;
  }

  private replay(session: RegistrationSession): RegisterAnswer {
    const body = JSON.parse(this.deps.box.open(session.sealedResult!, resultContext(session.id)));
    return { status: 200, body };
  }

  private newLease(now: number): CreationLease {
    return { owner: randomLetters(16), until: now + this.deps.creationLeaseMs };
  }
}

const hasIdentity = (s: RegistrationSession) => Boolean(s.username && s.sealedPassword);
const hasPassed = (s: RegistrationSession, type: string) => Object.hasOwn(s.stages, type);

function assertIdentityComplete(session: RegistrationSession): void {
  if (!session.username) throw missingParam('username');
  if (!session.sealedPassword) throw missingParam('password');
}

/** The call's device fields win; a call that carries none (often only `auth`) keeps the first call's. */
function deviceOf(body: RegisterBody, stored?: DeviceRequest): DeviceRequest {
  return {
    deviceId: body.device_id ?? stored?.deviceId,
    initialDeviceDisplayName: body.initial_device_display_name ?? stored?.initialDeviceDisplayName,
    inhibitLogin: body.inhibit_login ?? stored?.inhibitLogin ?? false,
    refreshToken: body.refresh_token ?? stored?.refreshToken ?? false,
  };
}

function throwing(error: Error): never {
  throw error;
}
