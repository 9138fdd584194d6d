/**
 * A stage recorded without reading the session first. The common call (only `auth`, for a stage whose check
 * needs nothing of the session) then costs one conditional write instead of a read and a write. The write
 * guesses from the flows whether it finishes one (then it also claims the account creation) or not. A wrong
 * guess loses the write, and the session that the lost write returns stands in for the read. The session's
 * first stage needs nothing else: a passed stage keeps the name without a write (session-store.ts takeOver).
 */
import type { RegisterBody } from '../matrix/register-body.js';
import type { RegistrationSession, StageRecord } from '../model/session.js';
import type { LoginType } from '../matrix/login-types.js';
import type { Clock, CreationContext, CreationLease, SessionStore } from '../ports/index.js';
import type { Metrics } from '../ports/metrics.js';
import type { FlowSet } from './flows.js';
import type { LeasedCreation, RegisterAnswer } from './leased-creation.js';
import type { NameHolds } from './name-holds.js';
import type { SessionHints } from './session-hints.js';
import { isSessionFree } from './stages/stage.js';
import { deviceOf } from './who-registers.js';

export interface UnreadDeps {
  store: SessionStore;
  clock: Clock;
  flows: FlowSet;
  holds: NameHolds;
  creationLeaseMs: number;
  metrics?: Metrics;
  /** What this process last saw of each session: with it, a stage that may end a flow is written one way only. */
  hints?: SessionHints;
}

/** The answer when the write settled the call; else the session (undefined: unknown) for the usual path. */
export type Unread = { answer: RegisterAnswer } | { session: RegistrationSession | undefined };

export async function recordUnread(
  deps: UnreadDeps,
  creation: LeasedCreation,
  body: RegisterBody,
  sessionId: string,
  context: CreationContext & { clientIp: string },
  prepared?: Promise<unknown>,
): Promise<Unread> {
  const { store, clock, flows } = deps;
  const stage = body.auth?.type === undefined ? undefined : flows.stage(body.auth.type);
  // A call that changes who registers, or a stage that looks at the session, needs the session first.
  if (!stage || !isSessionFree(stage) || body.username !== undefined || body.password !== undefined) {
    return { session: await store.get(sessionId, clock.now()) };
  }
  const now = clock.now();
  const result = await stage.check({ auth: body.auth!, clientIp: context.clientIp, now, prepared });
  // A failed check is answered with the session's own 401 (its completed stages): the usual path checks again.
  if (!result.passed) return { session: await store.get(sessionId, now) };
  const record: StageRecord = { at: now, ...result.details };
  const ways = guesses(deps, stage.type, sessionId, now);
  const tries = await Promise.all(
    ways.map((finishes) => writeGuess(deps, creation, { sessionId, stage: stage.type, record, finishes, sure: ways.length === 1, now })),
  );
  const landed = tries.find((t) => t.written.won);
  if (!landed?.written.won) {
    const current = tries.map((t) => (t.written.won ? undefined : t.written.current)).find(Boolean);
    return { session: current && current.expiresAt > now ? current : undefined };
  }
  const { written, lease } = landed;
  deps.hints?.remember(written.session);
  // The table counts the stage from its stream (the funnel counter); the metric for the write that landed.
  deps.metrics?.record({ metric: 'StagePassed', stage: stage.type });
  // Not finishing by the flows' order: the usual path answers the 401, or finishes a flow that a token's grants completed.
  if (!lease) return { session: written.session };
  const device = deviceOf(body, written.session.device);
  return { answer: await createClaimed(deps, creation, { session: written.session, lease, device, context }, now) };
}

/**
 * Whether the stage's write should finish a flow. A stage that ends some flows and sits inside others (terms in
 * terms → dummy and in email → terms) finishes one or not by what the session passed before it. When this
 * process has seen the session, the write follows what it saw last; else it is written both ways at once: the two
 * conditions exclude each other, so one lands and the other costs a failed condition, not a round trip.
 */
function guesses(deps: UnreadDeps, stage: LoginType, sessionId: string, now: number): boolean[] {
  const { flows, hints } = deps;
  if (flows.endsEveryFlow(stage)) return [true];
  if (!flows.endsAFlow(stage)) return [false];
  const passed = hints?.passed(sessionId, now);
  // As the guard will judge it: some flow of this stage has all its other stages passed.
  return passed ? [flows.flowsWith(stage).some((flow) => flow.every((other) => passed.includes(other)))] : [true, false];
}

/** One guess's write: finishing (it claims the creation) or continuing. */
async function writeGuess(
  deps: UnreadDeps,
  creation: LeasedCreation,
  guess: { sessionId: string; stage: LoginType; record: StageRecord; finishes: boolean; sure: boolean; now: number },
) {
  const { sessionId, stage, record, finishes, sure, now } = guess;
  const lease = finishes ? creation.newLease(now) : undefined;
  // The homeserver's first step of the creation beside the claim, where the guess is the only one.
  if (lease && sure) creation.prepare();
  const guard = { flowsWith: deps.flows.flowsWith(stage), finishes };
  const written = await deps.store.completeStage(sessionId, stage, record, now, lease, guard);
  return { written, lease };
}

/**
 * The first call held the name for holdMs from when it was taken (never before the session began): while that
 * outlasts this attempt, the name is this session's without another write. When the attempt fails, the session
 * keeps its passed stages, and with them the name for the rest of its life.
 */
async function createClaimed(
  deps: UnreadDeps,
  creation: LeasedCreation,
  claimed: { session: RegistrationSession; lease: CreationLease; device: ReturnType<typeof deviceOf>; context: CreationContext },
  now: number,
): Promise<RegisterAnswer> {
  const { session, lease, device, context } = claimed;
  const { store, clock, holds, creationLeaseMs } = deps;
  const covered = Math.min(session.createdAt + holds.settings.holdMs, session.expiresAt) > now + creationLeaseMs;
  const extend = () => store.extendHold(session.username!, session.id, session.expiresAt, clock.now());
  // The session's verified addresses are known once the claim has landed: claimed now, beside the admission, the
  // hooks and the homeserver's re-check, as the usual path claims them beside its write (one round trip fewer).
  const addresses = creation.startAddressClaim(session);
  try {
    // The same creation as the usual path's: the tenant's admission (approval rules, the decision hook) and
    // the creation hooks run first, so a finished flow may still become a pending request here.
    return await creation.create(session, lease, device, addresses, covered ? Promise.resolve(true) : extend(), context);
  } catch (error) {
    if (covered) await extend().catch(() => undefined);
    throw error;
  }
}
