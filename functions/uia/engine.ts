/**
 * `POST /register`: the UIA state machine. It keeps who is registering in the session (who-registers.ts),
 * runs the UIA stage the call carries, and once a flow is complete has the account created exactly once,
 * however often the final call is repeated (leased-creation.ts).
 */
import type { RegisterBody } from '../matrix/register-body.js';
import { approvedLogInInstead, missingParam, unknownLoginType, unknownSession, userInUse } from '../matrix/errors.js';
import { completedStages, withStage, type DeviceRequest, type RegistrationSession, type StageRecord } from '../model/session.js';
import type { FlowSet } from './flows.js';
import { type CreationDeps, LeasedCreation, type RegisterAnswer } from './leased-creation.js';
import { isSessionFree, type StageFailure } from './stages/stage.js';
import { admitted, beginAdmission } from '../model/request-context.js';
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

  /** Whether finished sign-ups may wait for an operator here (the approval queue or the decision hook is on). */
  get hasApprovals(): boolean {
    return this.deps.approvals !== undefined;
  }

  /**
   * `clientNetwork`: what per-client counts key on (the IPv4 address, or the IPv6 network); `lang`: the
   * language the sign-up is made in (a pending request is decided and told in it); `page`: what the
   * sign-up page adds to the call that makes the session (the display name it asked for).
   */
  async register(
    body: RegisterBody,
    clientIp: string,
    clientNetwork = clientIp,
    lang?: string,
    page: { displayName?: string } = {},
  ): Promise<RegisterAnswer> {
    const sessionId = body.auth?.session;
    const prepared = this.prepareStage(body.auth, this.deps.clock.now());
    let session: RegistrationSession | undefined;
    if (sessionId) {
      // The client's count beside the session's write. A first call begins it when it knows whether a new name
      // is held: the hold is then counted by the same write (who-registers.ts).
      beginAdmission();
      // Most calls carry only a stage: recorded without reading the session first when it can be (unread-stage.ts).
      // A write that claims the creation admits it as the usual path does (approvals, the decision hook, the hooks).
      const unread = await recordUnread(this.deps, this.creation, body, sessionId, { clientIp, lang }, prepared);
      if ('answer' in unread) return unread.answer;
      session = unread.session ?? throwing(unknownSession());
    }
    if (session?.status === 'done') return this.made(session, body);
    session = await this.registrant.identify(session, body, clientNetwork, page.displayName);
    this.deps.hints?.remember(session);
    const device = deviceOf(body, session.device);

    const type = body.auth?.type;
    // Own properties only: a type named like an Object.prototype member is an unknown stage, not a done one.
    if (type !== undefined && (!hasPassed(session, type) || this.deps.flows.stage(type)?.checksAgain)) {
      const outcome = await this.runStage(session, type, body.auth!, { clientIp, lang }, device, prepared);
      if ('body' in outcome) return outcome;
      session = outcome;
    }
    if (session.status === 'done') return this.made(session, body);
    // A repeat of the final call of a queued sign-up: the same answer, never a second request.
    if (session.status === 'pending') throw this.creation.awaiting(session);
    if (!this.deps.flows.isComplete(completedStages(session))) return this.challenge(session);
    assertIdentityComplete(session);
    return this.creation.finish(session, device, { clientIp, lang });
  }

  /**
   * The answer to a call on a session whose account exists: what the call that made it answered. An account
   * an operator approved was made without a login (nobody was waiting for tokens) and its sealed password
   * was deleted then, so a repeat of the final call that asks for a login cannot get one. What a stock
   * client expects (MSC3866): it showed "awaiting approval", and the person later logs in as on any server.
   * So such a repeat is refused with 403 M_FORBIDDEN naming the account to log in as: never a 200 without
   * the access token the spec requires when `inhibit_login` is false, nor the awaiting error, which is no
   * longer true. (Element's background poll of an email step ignores a 403 and keeps waiting; the person
   * is told of the approval by mail.) One that asks for no login gets `{user_id, home_server}`, as at the
   * time. A session approved whose account is not yet made still holds its password: a repeat then makes
   * the account with the client's device, like any final call.
   */
  private made(session: RegistrationSession, body: RegisterBody): RegisterAnswer {
    const answer = this.creation.replay(session);
    if (session.requestId === undefined || answer.body.access_token !== undefined) return answer;
    if (deviceOf(body, session.device).inhibitLogin) return answer;
    throw approvedLogInInstead(String(answer.body.user_id));
  }

  /**
   * Makes the account of a session an operator approved, through the same exactly-once creation, with no
   * device (nobody waits for tokens; the person logs in). Its user ID; undefined when the session is gone.
   */
  async createApproved(sessionId: string): Promise<string | undefined> {
    const session = await this.deps.store.get(sessionId, this.deps.clock.now());
    if (!session) return undefined;
    if (session.status === 'done') return session.userId;
    const answer = await this.creation.finish(session, { inhibitLogin: true, refreshToken: false });
    return String(answer.body.user_id);
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
    context: { clientIp: string; lang?: string },
    device: DeviceRequest,
    prepared?: Promise<unknown>,
  ): Promise<RegistrationSession | RegisterAnswer> {
    const { clientIp } = context;
    const { flows, store, clock } = this.deps;
    const stage = flows.stage(type);
    if (!stage) throw unknownLoginType();
    if (session.status !== 'open') return session;
    // A stage that checks a secret or asks a captcha service waits for the client's allowance first.
    if (!isSessionFree(stage)) await admitted();
    const now = clock.now();
    const result = await stage.check({ auth, session, clientIp, now, prepared });
    if (!result.passed) {
      this.deps.metrics?.record({ metric: 'StageFailed', stage: stage.type, reason: result.errcode });
      return this.challenge(session, { errcode: result.errcode, error: result.error });
    }
    // A stage checked again after it passed (checksAgain) changes nothing.
    if (hasPassed(session, stage.type)) return session;

    const record: StageRecord = { at: now, ...result.details };
    const withRecord = withStage(session, stage.type, record);
    const finishes = flows.isComplete(completedStages(withRecord)) && hasIdentity(session);
    const lease = finishes ? this.creation.newLease(now) : undefined;
    if (lease) this.creation.prepare();
    // The addresses are claimed beside the session write, not after it: one store round trip fewer.
    const addresses = lease ? this.creation.startAddressClaim(withRecord) : undefined;
    // A passed stage keeps the name for the session's life with no write of its own (session-store.ts takeOver);
    // the call that creates the account must still hold it: one write beside the session's.
    const held =
      session.username !== undefined && lease ? store.extendHold(session.username, session.id, session.expiresAt, now) : undefined;
    held?.catch(() => undefined);
    // The table counts the stage from its stream (the funnel counter); the metric when this write won.
    const written = await store.completeStage(session.id, stage.type, record, now, lease);
    if (written.won) this.deps.metrics?.record({ metric: 'StagePassed', stage: stage.type });
    if (written.won) this.deps.hints?.remember(written.session);
    if (written.won && lease) return this.creation.create(written.session, lease, device, addresses, held, context);
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
    if (!result.passed) this.deps.metrics?.record({ metric: 'StageFailed', stage: stage.type, reason: result.errcode });
    if (result.passed && !hasPassed(session, stage.type)) {
      const written = await store.completeStage(session.id, stage.type, { at: now, ...result.details }, now);
      if (written.won) this.deps.metrics?.record({ metric: 'StagePassed', stage: stage.type });
      if (written.won) this.deps.hints?.remember(written.session);
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
