/**
 * Counts funnel steps from the table's stream exactly once, batched: each step has a mark item (under
 * `funnel#<session>`, spread over as many partitions as sessions), written on condition that it is not there,
 * in one transaction with the ADDs to the hour items the steps fall in. A mark already there (the same step
 * delivered again, or counted by a consumer racing this one) cancels the transaction: its reason names the
 * mark, and the rest is written again without it.
 */
import {
  type DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { pauseAfterConflict } from './conditional-writes.js';
import { addCounts, emptyCounts, hourOf, type SignupCounts } from '../../model/signup-counts.js';
import { countsOfStep, type FunnelTransition, stepKey } from './funnel-transitions.js';
import { hourCounterUpdate } from './signup-counters.js';
import { funnelMarkKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

/** TransactWriteItems takes at most 100 items: the marks and one ADD per hour among them. */
const MAX_ITEMS = 100;
/** A mark outlives the stream's 24 h retention, so a step delivered again finds it. */
const MARK_KEEP_MS = 3 * 24 * 3_600_000;
/** Tries of one transaction that only collided with another one writing the same items. */
const CONFLICT_TRIES = 4;

const markId = (transition: FunnelTransition) => `${transition.sessionId}\u001f${stepKey(transition)}`;

/**
 * Counts `transitions` (in stream order) once each. Resolves with how many of them (from the first) are
 * surely counted: all of them, or up to the first transaction a fault stopped (the error is passed to `failed`).
 */
export async function countFunnelOnce(
  db: DynamoDBClient,
  table: string,
  transitions: readonly FunnelTransition[],
  now: number,
  failed: (error: unknown) => void = () => undefined,
): Promise<number> {
  let done = 0;
  for (const chunk of chunks(transitions)) {
    try {
      await writeOnce(db, table, chunk.steps, now);
    } catch (error) {
      failed(error);
      return done;
    }
    done = chunk.end;
  }
  return done;
}

/** Consecutive runs of distinct steps whose marks and hour items fit one transaction; `end`: the index after the run. */
function chunks(transitions: readonly FunnelTransition[]): { steps: FunnelTransition[]; end: number }[] {
  const out: { steps: FunnelTransition[]; end: number }[] = [];
  let steps: FunnelTransition[] = [];
  let hours = new Set<number>();
  const seen = new Set<string>();
  transitions.forEach((transition, index) => {
    // The same step twice in one batch (a record delivered twice) would name one item twice in a transaction.
    if (seen.has(markId(transition))) return;
    seen.add(markId(transition));
    const hour = hourOf(transition.at);
    if (steps.length + hours.size + (hours.has(hour) ? 0 : 1) + 1 > MAX_ITEMS) {
      out.push({ steps, end: index });
      steps = [];
      hours = new Set();
    }
    steps.push(transition);
    hours.add(hour);
  });
  if (steps.length > 0) out.push({ steps, end: transitions.length });
  return out;
}

/** Writes the marks and counts of `steps`, leaving out those whose mark is there already. */
async function writeOnce(db: DynamoDBClient, table: string, steps: FunnelTransition[], now: number): Promise<void> {
  let left = steps;
  for (let conflicts = 0; left.length > 0; ) {
    const items = [...left.map((step) => markWrite(table, step, now)), ...hourWrites(table, left)];
    try {
      await db.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const counted = new Set(codes.flatMap((code, i) => (code === 'ConditionalCheckFailed' && i < left.length ? [i] : [])));
      if (counted.size > 0) {
        left = left.filter((_, i) => !counted.has(i));
        continue;
      }
      // Another transaction held one of the items (a consumer racing this one, the request path's own writes).
      if (!codes.includes('TransactionConflict') || ++conflicts >= CONFLICT_TRIES) throw error;
      await pauseAfterConflict(conflicts, 10, 40);
    }
  }
}

function markWrite(table: string, step: FunnelTransition, now: number): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshall(funnelMarkKey(step.sessionId, stepKey(step))),
      UpdateExpression: 'SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(pk)',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: marshall({ ':ttl': ttlSeconds(now + MARK_KEEP_MS) }),
    },
  };
}

/** One ADD per hour the steps fall in (none for an hour whose steps cancel out: a start taken back). */
function hourWrites(table: string, steps: FunnelTransition[]): TransactWriteItem[] {
  const byHour = new Map<number, SignupCounts>();
  for (const step of steps) {
    const hour = hourOf(step.at);
    byHour.set(hour, addCounts(byHour.get(hour) ?? emptyCounts(), countsOfStep(step)));
  }
  return [...byHour].flatMap(([hour, counts]) => {
    const update = hourCounterUpdate(table, counts, hour);
    return update ? [{ Update: update }] : [];
  });
}
