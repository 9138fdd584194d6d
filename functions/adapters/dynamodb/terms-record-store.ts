/**
 * Terms acceptance records on the tenant table: one partition sorted by acceptance time; a record's key
 * comes from its session, policy and acceptance time alone, so a retried creation finds its own record.
 */
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { TermsAcceptance, TermsRecordStore } from '../../ports/terms-records.js';
import { applied } from './conditional-writes.js';
import { partitionPage, timeKey, timeRange } from './partition-pages.js';
import { TERMS_PARTITION, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

const keyOf = (r: Pick<TermsAcceptance, 'sessionId' | 'policy' | 'acceptedAt'>) => ({
  pk: TERMS_PARTITION,
  sk: `${timeKey(r.acceptedAt)}#${r.sessionId}#${r.policy}`,
});

export class DynamoTermsRecordStore implements TermsRecordStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async put(record: TermsAcceptance, expiresAt: number): Promise<'written' | 'existed'> {
    const item = marshall({ ...keyOf(record), ...record, [TTL_ATTRIBUTE]: ttlSeconds(expiresAt) }, { removeUndefinedValues: true });
    const written = await applied(
      this.db,
      new PutItemCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    if (written) return 'written';
    // Written before (a retried creation, or a pending request now approved): only name what it lacked.
    for (const field of ['userId', 'requestId'] as const) {
      const value = record[field];
      if (value === undefined) continue;
      await applied(
        this.db,
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(keyOf(record)),
          UpdateExpression: 'SET #f = :v',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#f)',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: marshall({ ':v': value }),
        }),
      );
    }
    return 'existed';
  }

  async forget(record: Pick<TermsAcceptance, 'sessionId' | 'policy' | 'acceptedAt'>, userId: string): Promise<void> {
    const Key = marshall(keyOf(record));
    const values = marshall({ ':u': userId });
    const deleted = await applied(
      this.db,
      new DeleteItemCommand({
        TableName: this.table,
        Key,
        ConditionExpression: 'userId = :u AND attribute_not_exists(requestId)',
        ExpressionAttributeValues: values,
      }),
    );
    if (deleted) return;
    // A pending request's record stays with its request; it only stops naming the account that was not made.
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key,
        UpdateExpression: 'REMOVE userId',
        ConditionExpression: 'userId = :u',
        ExpressionAttributeValues: values,
      }),
    );
  }

  async list(query: { since?: number; until?: number; after?: string; limit: number; now: number }) {
    const page = await partitionPage(this.db, this.table, {
      pk: TERMS_PARTITION,
      ...timeRange(query.since, query.until),
      after: query.after,
      limit: query.limit,
      nowMs: query.now,
    });
    return { records: page.items.map(toRecord), ...(page.next ? { next: page.next } : {}) };
  }
}

function toRecord(item: Record<string, unknown>): TermsAcceptance {
  const { sessionId, policy, version, lang, acceptedAt, ipHash, userId, requestId } = item as unknown as TermsAcceptance;
  return { sessionId, policy, version, lang, acceptedAt, ipHash, userId, requestId };
}
