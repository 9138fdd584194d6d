/**
 * The funnel counter (a DynamoDB Streams consumer on the tenant table): counts from session-item records
 * each sign-up started, stage passed and account completed, once, batched into as few transactions as the
 * batch allows, off the request path; and each registration session the table's TTL deleted unfinished, in
 * the table's counters and as the `SignupAbandoned` EMF metric. The stream's filters let only session records
 * through; each is checked again here. The request path still writes the EMF lines of what it decided.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { abandonedSessionOf, countAbandoned, type StreamRecord } from '../adapters/dynamodb/abandoned-sessions.js';
import { countFunnelOnce } from '../adapters/dynamodb/funnel-counts.js';
import { type FunnelTransition, funnelTransitionsOf } from '../adapters/dynamodb/funnel-transitions.js';
import { EmfMetrics } from '../adapters/cloudwatch/emf-metrics.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { type Clock, systemClock } from '../ports/clock.js';

export interface FunnelCounterParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  /** The `Tenant` dimension (FRONT_DOOR_TENANT). */
  tenant: string;
  clock?: Clock;
  log?: Logger;
  /** Where the EMF lines go: stdout in Lambda. */
  writeEmf: (line: string) => void;
}

/** Lambda's partial batch answer: the records to deliver again (this one and every later one of its shard). */
export interface BatchAnswer {
  batchItemFailures: { itemIdentifier: string }[];
}

export type FunnelCounter = (records: readonly StreamRecord[]) => Promise<BatchAnswer>;

export function buildFunnelCounter(parts: FunnelCounterParts): FunnelCounter {
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? jsonLogger();
  // EMF only: the table's counter is raised by the same transaction that marks the session counted.
  const emf = new EmfMetrics({ tenant: parts.tenant, clock, write: parts.writeEmf, log });
  const countFunnel = funnelCounting(parts, log);
  const countAbandonedOnes = abandonedCounting(parts, emf, log);
  return async (records) => {
    const now = clock.now();
    // Both from the batch's start; a redelivery from the earlier failure counts nothing twice (the marks).
    const [funnelFailed, abandonedFailed] = await Promise.all([countFunnel(records, now), countAbandonedOnes(records, now)]);
    const failed = Math.min(funnelFailed ?? Infinity, abandonedFailed ?? Infinity);
    if (!Number.isFinite(failed)) return { batchItemFailures: [] };
    return { batchItemFailures: [{ itemIdentifier: records[failed]?.dynamodb?.SequenceNumber ?? '' }] };
  };
}

/** Started, passed, completed: the index of the first record not surely counted, if any. */
function funnelCounting(parts: FunnelCounterParts, log: Logger) {
  return async (records: readonly StreamRecord[], now: number): Promise<number | undefined> => {
    // With `observability.counters` off nothing is kept in the table (the request path wrote the EMF lines).
    if (!parts.config.observability.counters) return undefined;
    const steps: (FunnelTransition & { record: number })[] = records.flatMap((record, index) =>
      funnelTransitionsOf(record, now).map((step) => ({ ...step, record: index })),
    );
    if (steps.length === 0) return undefined;
    const counted = await countFunnelOnce(parts.dynamo, parts.config.tableName, steps, now, (error) =>
      log.warn('funnel_not_counted', { name: (error as Error).name }),
    );
    return counted < steps.length ? steps[counted]!.record : undefined;
  };
}

/** Sessions the TTL deleted unfinished, one transaction each: the index of the record that failed, if any. */
function abandonedCounting(parts: FunnelCounterParts, emf: EmfMetrics, log: Logger) {
  return async (records: readonly StreamRecord[], now: number): Promise<number | undefined> => {
    let counted = 0;
    let failed: number | undefined;
    for (const [index, record] of records.entries()) {
      const session = abandonedSessionOf(record);
      if (!session) continue;
      try {
        // With `observability.counters` off nothing is kept in the table: the metric alone, at least once.
        if (!parts.config.observability.counters || (await countAbandoned(parts.dynamo, parts.config.tableName, session, now))) counted++;
      } catch (error) {
        log.warn('abandoned_not_counted', { name: (error as Error).name });
        failed = index;
        break;
      }
    }
    if (counted > 0) await emf.flush([{ metric: 'SignupAbandoned', count: counted }]);
    return failed;
  };
}
