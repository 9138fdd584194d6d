/**
 * The outbox on the tenant table. A task is two items written together: a key marker that makes adding
 * it twice a no-op (kept for the de-duplication window), and the pending item, deleted once done.
 */
import { DeleteItemCommand, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Outbox, OutboxItem, OutboxTask } from '../../ports/outbox.js';
import { applied, transact } from './conditional-writes.js';
import { partitionPage } from './partition-pages.js';
import { OUTBOX_PARTITION, outboxMarkerKey as markerKey, outboxTaskKey as pendingKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

export class DynamoOutbox implements Outbox {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async add(task: OutboxTask, now: number, dedupeMs: number): Promise<boolean> {
    const item: OutboxItem = { ...task, createdAt: now, attempts: 0, nextAttemptAt: now };
    const outcome = await transact(this.db, [
      {
        Put: {
          TableName: this.table,
          Item: marshall({ ...markerKey(task.key), [TTL_ATTRIBUTE]: ttlSeconds(now + dedupeMs) }),
          // An expired marker (not yet deleted by TTL) no longer de-duplicates.
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: marshall({ ':now': Math.floor(now / 1000) }),
        },
      },
      { Put: { TableName: this.table, Item: marshall({ ...pendingKey(task.key), ...item }, { removeUndefinedValues: true }) } },
    ]);
    return outcome === true;
  }

  async claim(key: string, now: number, leaseUntil: number): Promise<OutboxItem | undefined> {
    const won = await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(pendingKey(key)),
        UpdateExpression: 'SET nextAttemptAt = :lease, attempts = attempts + :one',
        ConditionExpression: 'attribute_exists(pk) AND nextAttemptAt <= :now',
        ExpressionAttributeValues: marshall({ ':lease': leaseUntil, ':now': now, ':one': 1 }),
      }),
    );
    if (!won) return undefined;
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(pendingKey(key)), ConsistentRead: true }));
    return out.Item ? toItem(unmarshall(out.Item)) : undefined;
  }

  async done(key: string): Promise<void> {
    await this.db.send(new DeleteItemCommand({ TableName: this.table, Key: marshall(pendingKey(key)) }));
  }

  async failed(key: string, retryAt: number, error: string): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(pendingKey(key)),
        UpdateExpression: 'SET nextAttemptAt = :at, lastError = :error',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: marshall({ ':at': retryAt, ':error': error.slice(0, 300) }),
      }),
    );
  }

  async pending(limit: number, after?: string) {
    const page = await partitionPage(this.db, this.table, { pk: OUTBOX_PARTITION, from: ' ', to: '~', after, limit });
    return { items: page.items.map(toItem), ...(page.next ? { next: page.next } : {}) };
  }
}

function toItem(raw: Record<string, unknown>): OutboxItem {
  const { key, kind, body, createdAt, attempts, nextAttemptAt, lastError } = raw as unknown as OutboxItem;
  return { key, kind, body, createdAt, attempts, nextAttemptAt, ...(lastError ? { lastError } : {}) };
}
