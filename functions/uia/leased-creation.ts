/**
 * Account creation under a lease: one call at a time holds the right to create a session's account, and
 * every later call replays what it made, so the account is created exactly once.
 */
import { randomLetters } from '../crypto/random.js';
import { limitExceeded, MatrixError, userInUse } from '../matrix/errors.js';
import type { DeviceRequest, RegistrationSession } from '../model/session.js';
import type {
  Admission,
  AdmissionVerdict,
  Clock,
  CreationContext,
  CreationHook,
  CreationLease,
  SecretBox,
  SessionStore,
} from '../ports/index.js';
import { type AccountCreator, registerResponse } from './account-creation.js';
import type { ApprovalQueue } from './approval-queue.js';
import type { Metrics } from '../ports/metrics.js';
import { CreationWaiter } from './creation-waiter.js';
import { admitted } from '../model/request-context.js';

export interface RegisterAnswer {
  status: 200 | 401;
  body: Record<string, unknown>;
}

export interface CreationDeps {
  store: SessionStore;
  box: SecretBox;
  clock: Clock;
  creator: AccountCreator;
  /** How long one claim on account creation lasts before another call may take over. */
  creationLeaseMs: number;
  /** Run around account creation (registration-token uses, account records). */
  hooks?: CreationHook[];
  /** Before each account: made now, refused, or left for an operator (approval rules, the decision hook). */
  approvals?: { admission: Admission; queue: ApprovalQueue };
  /** Counts stages passed and refused, accounts created, and creations tried again. */
  metrics?: Metrics;
}

const resultContext = (sessionId: string) => `result:${sessionId}`;

export class LeasedCreation {
  private readonly waiter: CreationWaiter;

  constructor(private readonly deps: CreationDeps) {
    this.waiter = new CreationWaiter(deps.store, deps.clock, deps.creationLeaseMs);
  }

  /** Creates the account, or joins the call that is creating it, or replays what it made. */
  async finish(session: RegistrationSession, device: DeviceRequest, context: CreationContext = {}): Promise<RegisterAnswer> {
    const lease = this.newLease(this.deps.clock.now());
    this.prepare();
    const claimed = await this.waiter.claim(session, lease);
    if (claimed.status === 'done') return this.replay(claimed);
    if (claimed.status === 'pending') throw this.awaiting(claimed);
    return this.create(claimed, lease, device, undefined, undefined, context);
  }

  /** The 403 a session waiting for an operator answers with. */
  awaiting(session: RegistrationSession): Error {
    if (!this.deps.approvals) throw new Error('a pending session without an approval queue');
    return this.deps.approvals.queue.awaiting(session);
  }

  /** Left unused when the session write loses (the claim is the session's own, and ends with it): never unhandled. */
  startAddressClaim(session: RegistrationSession): Promise<void> {
    const claim = this.deps.creator.claimAddresses(session);
    claim.catch(() => undefined);
    return claim;
  }

  /** `renewed`: the hold on the name, when the caller renewed it already (see Registration.runStage). */
  async create(
    session: RegistrationSession,
    lease: CreationLease,
    device: DeviceRequest,
    addresses?: Promise<void>,
    renewed?: Promise<boolean>,
    context: CreationContext = {},
  ): Promise<RegisterAnswer> {
    const { store, box, creator, hooks = [] } = this.deps;
    let body: Record<string, unknown> | undefined;
    let queued: 'queued' | 'lease-lost' | undefined;
    // A claim taken again after an earlier one (a retried final call, a lease that ran out): a creation retry.
    if ((session.creation?.attempts ?? 0) > 1) this.deps.metrics?.record({ metric: 'CreationRetries' });
    try {
      // A name held only briefly may have lapsed and gone to someone else: only its holder creates it.
      // Checked beside the hooks; a loss after them is a refusal like any other, and they give back.
      const held = renewed ?? store.extendHold(session.username!, session.id, session.expiresAt, this.deps.clock.now());
      held.catch(() => undefined);
      // A client over its allowance (decided beside the claim) creates nothing; the claim is given back below.
      await admitted();
      const verdict = await this.admit(session, context);
      if (verdict?.enrichment) session = { ...session, enrichment: verdict.enrichment };
      for (const hook of hooks) await hook.beforeCreate(session);
      if (!(await held)) throw userInUse();
      if (verdict?.kind === 'queue') {
        // The token use stays taken by the request (the hooks ran); a denial or the deadline gives it back.
        const request = await this.deps.approvals!.queue.enqueue(session, lease.owner, verdict.reasons, context);
        queued = request === 'lease-lost' ? request : 'queued';
      } else body = registerResponse(await creator.create(session, device, this.deps.clock.now(), addresses));
    } catch (error) {
      // A refusal (4xx) is final for this attempt: hooks give back what they took. A fault may have made the account.
      if (error instanceof MatrixError && error.status < 500 && error.status !== 429) {
        for (const hook of hooks) await hook.refused(session).catch(() => undefined);
      }
      // The session keeps its stages; the next call on it tries again.
      await store.releaseCreation(session.id, lease.owner, session.requestId ? 'approved' : 'open').catch(() => undefined);
      throw error;
    }
    if (queued) return this.afterQueue(session, queued);
    if (!body) throw new Error('unreachable: neither created nor queued');
    // The account exists: its metric now; the table's count comes from the write below (the funnel counter).
    this.deps.metrics?.record({ metric: 'SignupCompleted' });
    const recorded = await store.finishCreation(
      session.id,
      String(body.user_id),
      box.seal(JSON.stringify(body), resultContext(session.id)),
      this.deps.clock.now(),
    );
    for (const hook of hooks) await hook.created(session, String(body.user_id)).catch(() => undefined);
    if (!recorded.won && recorded.current?.status === 'done') return this.replay(recorded.current);
    return { status: 200, body };
  }

  /** An operator approved it, or the rules and the hook let it through: asked once per session. */
  private async admit(session: RegistrationSession, context: CreationContext): Promise<AdmissionVerdict | undefined> {
    if (session.admitted || !this.deps.approvals) return undefined;
    return this.deps.approvals.admission.decide(session, context);
  }

  /** Queued: the client is told to wait. Lost the session meanwhile: whatever the other call made of it. */
  private async afterQueue(session: RegistrationSession, queued: 'queued' | 'lease-lost'): Promise<RegisterAnswer> {
    if (queued === 'queued') throw this.awaiting(session);
    const current = await this.deps.store.get(session.id, this.deps.clock.now());
    if (current?.status === 'done') return this.replay(current);
    if (current?.status === 'pending') throw this.awaiting(current);
    throw limitExceeded(2, 'The account is still being created; try again shortly');
  }

  /** The answer of the call that created the account, for every call on the session after it. */
  replay(session: RegistrationSession): RegisterAnswer {
    const body = JSON.parse(this.deps.box.open(session.sealedResult!, resultContext(session.id)));
    return { status: 200, body };
  }

  /** Starts the homeserver's first step of a creation beside the write that claims it (AccountCreator.prepare). */
  prepare(): void {
    this.deps.creator.prepare();
  }

  newLease(now: number): CreationLease {
    return { owner: randomLetters(16), until: now + this.deps.creationLeaseMs };
  }
}
