/**
 * The abandoned-sign-up counter (a DynamoDB Streams consumer on the tenant table): each registration session
 * the table's TTL deleted unfinished is counted once, in the table's hourly counters and as the
 * `SignupAbandoned` EMF metric. The stream's filter lets only such records through; they are checked again here.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { abandonedSessionOf, countAbandoned, type StreamRecord } from '../adapters/dynamodb/abandoned-sessions.js';
import { EmfMetrics } from '../adapters/cloudwatch/emf-metrics.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { type Clock, systemClock } from '../ports/clock.js';

export interface AbandonedParts {
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

export function buildAbandonedCounter(parts: AbandonedParts): (records: readonly StreamRecord[]) => Promise<BatchAnswer> {
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? jsonLogger();
  // EMF only: the table's counter is raised by the same transaction that marks the session counted.
  const emf = new EmfMetrics({ tenant: parts.tenant, clock, write: parts.writeEmf, log });
  const table = parts.config.tableName;
  return async (records) => {
    let counted = 0;
    for (const record of records) {
      const session = abandonedSessionOf(record);
      if (!session) continue;
      try {
        // With `observability.counters` off nothing is kept in the table: the metric alone, at least once.
        if (!parts.config.observability.counters || (await countAbandoned(parts.dynamo, table, session, clock.now()))) counted++;
      } catch (error) {
        log.warn('abandoned_not_counted', { name: (error as Error).name });
        if (counted > 0) await emf.flush([{ metric: 'SignupAbandoned', count: counted }]);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    if (counted > 0) await emf.flush([{ metric: 'SignupAbandoned', count: counted }]);
    return { batchItemFailures: [] };
  };
}
