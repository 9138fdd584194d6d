/**
 * `POST /register`: the UIA state machine. It keeps who is registering in the session (who-registers.ts),
 * runs the UIA stage the call carries, and once a flow is complete has the account created exactly once,
 * however often the final call is repeated (leased-creation.ts).
 */
import type { RegisterBody } from '../matrix/register-body.js';
import { missingParam, unknownLoginType, unknownSession, userInUse } from '../matrix/errors.js';
import { completedStages, withStage, type DeviceRequest, type RegistrationSession, type StageRecord } from '../model/session.js';
import type { FlowSet } from './flows.js';
import { type CreationDeps, LeasedCreation, type RegisterAnswer } from './leased-creation.js';
import type { StageFailure } from './stages/stage.js';
import { recordUnread, type UnreadDeps } from './unread-stage.js';
import { deviceOf, type IdentifyDeps, WhoRegisters } from './who-registers.js';

export type { RegisterAnswer } from './leased-creation.js';

export interface RegistrationDeps extends IdentifyDeps, CreationDeps, UnreadDeps {
  flows: FlowSet;
}

export class Registration {
  private readonly registrant: WhoRegisters;
  private readonly creation: LeasedCreation;

  constructor(private readonly deps: RegistrationDeps) {
    this.registrant = new WhoRegisters(deps);
    this.creation = new LeasedCreation(deps);
  }

  /** `clientNetwork`: what per-client counts key on (the IPv4 address, or the IPv6 network). */
  async register(body: RegisterBody, clientIp: string, clientNetwork = clientIp): Promise<RegisterAnswer> {
    const sessionId = body.auth?.session;
    const prepared = this.prepareStage(body.auth, this.deps.clock.now());
    let session: RegistrationSession | undefined;
    if (sessionId) {
      // Most calls carry only a stage: recorded without reading the session first when it can be (unread-stage.ts).
      const unread = await recordUnread(this.deps, this.creation, body, sessionId, clientIp, prepared);
      if ('answer' in unread) return unread.answer;
      session = unread.session ?? throwing(unknownSession());
    }
    if (session?.status === 'done') return this.creation.replay(session);
    session = await this.registrant.identify(session, body, clientNetwork);
    const device = deviceOf(body, session.device);

    const type = body.auth?.type;
    // Own properties only: a type named like an Object.prototype member is an unknown stage, not a done one.
    if (type !== undefined && (!hasPassed(session, type) || this.deps.flows.stage(type)?.checksAgain)) {
      const outcome = await this.runStage(session, type, body.auth!, clientIp, device, prepared);
      if ('body' in outcome) return outcome;
      session = outcome;
    }
    if (session.status === 'done') return this.creation.replay(session);
    if (!this.deps.flows.isComplete(completedStages(session))) return this.challenge(session);
    assertIdentityComplete(session);
    return this.creation.finish(session, device);
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
    const lease = finishes ? this.creation.newLease(now) : undefined;
    // The addresses are claimed beside the session write, not after it: one store round trip fewer.
    const addresses = lease ? this.creation.startAddressClaim(withRecord) : undefined;
    // The first passed stage makes the short hold on the name last as long as the session, and the call that
    // creates the account must still hold it: either way, one write beside the session's.
    const holdName = session.username !== undefined && (lease !== undefined || completedStages(session).length === 0);
    const held = holdName ? store.extendHold(session.username!, session.id, session.expiresAt, now) : undefined;
    held?.catch(() => undefined);
    const written = await store.completeStage(session.id, stage.type, record, now, lease);
    if (written.won && lease) return this.creation.create(written.session, lease, device, addresses, held);
    if (written.won) return written.session;
    // Another call changed the session first (often the same stage, sent twice): carry on from what it left.
    return written.current && written.current.expiresAt > now ? written.current : throwing(unknownSession());
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
}

const hasIdentity = (s: RegistrationSession) => Boolean(s.username && s.sealedPassword);
const hasPassed = (s: RegistrationSession, type: string) => Object.hasOwn(s.stages, type);

function assertIdentityComplete(session: RegistrationSession): void {
  if (!session.username) throw missingParam('username');
  if (!session.sealedPassword) throw missingParam('password');
}

function throwing(error: Error): never {
  throw error;
}
