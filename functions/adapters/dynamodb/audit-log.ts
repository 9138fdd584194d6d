/** The operator audit log on the tenant table: one partition, sorted by time, each entry kept for the retention period. */
import { PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditLog, OperatorAction } from '../../ports/audit.js';
import { applied } from './conditional-writes.js';
import { partitionPage, timeKey, timeRange } from './partition-pages.js';
import { AUDIT_PARTITION, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
    private readonly retentionMs: number,
  ) {}

  record(action: OperatorAction, at: number): Promise<AuditEntry> {
    return this.put({ ...action, id: `${timeKey(at)}-${randomBytes(6).toString('hex')}`, at });
  }

  recordIntent(action: OperatorAction, at: number): Promise<AuditEntry> {
    return this.put({ ...action, id: `${timeKey(at)}-${randomBytes(6).toString('hex')}`, at, outcome: 'attempted' });
  }

  async settle(entry: AuditEntry, outcome: 'done' | 'failed'): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall({ pk: AUDIT_PARTITION, sk: entry.id }),
        UpdateExpression: 'SET #outcome = :outcome',
        ConditionExpression: '#outcome = :attempted',
        ExpressionAttributeNames: { '#outcome': 'outcome' },
        ExpressionAttributeValues: marshall({ ':outcome': outcome, ':attempted': 'attempted' }),
      }),
    );
  }

  private async put(entry: AuditEntry): Promise<AuditEntry> {
    const at = entry.at;
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall(
          { pk: AUDIT_PARTITION, sk: entry.id, ...entry, [TTL_ATTRIBUTE]: ttlSeconds(at + this.retentionMs) },
          { removeUndefinedValues: true },
        ),
        // A fresh random id: the condition only guards against an (impossible) collision overwriting an entry.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return entry;
  }

  async list(query: { since?: number; until?: number; after?: string; limit: number; now: number }) {
    // TTL deletion lags by up to days: an entry past its retention is left out as if it were gone.
    const page = await partitionPage(this.db, this.table, {
      pk: AUDIT_PARTITION,
      ...timeRange(query.since, query.until),
      after: query.after,
      limit: query.limit,
      nowMs: query.now,
    });
    return { entries: page.items.map(toEntry), ...(page.next ? { next: page.next } : {}) };
  }
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { id, at, operator, action, target, changes, outcome } = item as unknown as AuditEntry;
  return {
    id,
    at,
    operator,
    action,
    ...(target !== undefined ? { target } : {}),
    ...(changes !== undefined ? { changes } : {}),
    ...(outcome !== undefined ? { outcome } : {}),
  };
}
