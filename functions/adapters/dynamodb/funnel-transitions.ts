/**
 * Which steps of the sign-up funnel a DynamoDB Streams record of a session item shows: a session stored
 * (started), a stage recorded that the old image had not (passed), the session made done (completed), and a
 * session the first call stored and then took back (its name refused: the start is taken back). Each step
 * happens once per session (every session write is conditional), so the step names the count's mark.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SignupCounts } from '../../model/signup-counts.js';
import { SESSION_PARTITION_PREFIX, SESSION_SORT_KEY, type StreamRecord, TTL_PRINCIPAL } from './abandoned-sessions.js';

export type FunnelStep = 'started' | 'passed' | 'completed' | 'discarded';

export interface FunnelTransition {
  sessionId: string;
  step: FunnelStep;
  /** The stage passed (step `passed` only). */
  stage?: string;
  /** Epoch ms: when it happened, as the item says (so the front door's clock decides the hour, as before). */
  at: number;
}

/** What a step adds to the hour's counts: a discarded session takes its start back. */
export function countsOfStep(transition: FunnelTransition): Partial<SignupCounts> {
  switch (transition.step) {
    case 'started':
      return { started: 1 };
    case 'passed':
      return { passed: { [transition.stage!]: 1 } };
    case 'completed':
      return { completed: 1 };
    case 'discarded':
      return { started: -1 };
  }
}

/** The mark's sort key under the session's own mark partition (`funnel#<id>`). */
export const stepKey = (transition: FunnelTransition) => (transition.step === 'passed' ? `passed#${transition.stage}` : transition.step);

type Image = Record<string, unknown>;

const imageOf = (raw: Record<string, AttributeValue> | undefined) => (raw ? (unmarshall(raw) as Image) : undefined);

const isSession = (image: Image | undefined): image is Image =>
  typeof image?.pk === 'string' && image.pk.startsWith(SESSION_PARTITION_PREFIX) && image.sk === SESSION_SORT_KEY;

const stagesOf = (image: Image | undefined): Record<string, { at?: unknown }> =>
  (image?.stages && typeof image.stages === 'object' ? image.stages : {}) as Record<string, { at?: unknown }>;

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The funnel steps one record shows; none for any other record (another item, a TTL deletion, a change of nothing counted). */
export function funnelTransitionsOf(record: StreamRecord, now: number): FunnelTransition[] {
  const before = imageOf(record.dynamodb?.OldImage);
  const after = imageOf(record.dynamodb?.NewImage);
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  // The item's own times first; the record's time when the item carries none (a write by an older version).
  const recordAt = typeof seconds === 'number' ? seconds * 1000 : now;
  if (record.eventName === 'REMOVE') return discarded(record, before, recordAt);
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return [];
  if (!isSession(after)) return [];
  const sessionId = String(after.pk).slice(SESSION_PARTITION_PREFIX.length);
  const steps: FunnelTransition[] = [];
  if (record.eventName === 'INSERT') steps.push({ sessionId, step: 'started', at: numberOr(after.createdAt, recordAt) });
  const had = stagesOf(record.eventName === 'INSERT' ? undefined : before);
  for (const [stage, entry] of Object.entries(stagesOf(after))) {
    if (!(stage in had)) steps.push({ sessionId, step: 'passed', stage, at: numberOr(entry?.at, recordAt) });
  }
  if (after.status === 'done' && before?.status !== 'done') {
    steps.push({ sessionId, step: 'completed', at: numberOr(after.completedAt, recordAt) });
  }
  return steps;
}

/**
 * A session deleted by the front door (not by the TTL) while open with no stage passed: the first call stored
 * it beside the homeserver's name check, which refused the name (SessionStore.discard). Its start is taken back.
 */
function discarded(record: StreamRecord, before: Image | undefined, recordAt: number): FunnelTransition[] {
  if (!isSession(before) || before.status !== 'open' || Object.keys(stagesOf(before)).length > 0) return [];
  if (record.userIdentity?.type === 'Service' && record.userIdentity.principalId === TTL_PRINCIPAL) return [];
  const sessionId = String(before.pk).slice(SESSION_PARTITION_PREFIX.length);
  return [{ sessionId, step: 'discarded', at: numberOr(before.createdAt, recordAt) }];
}
