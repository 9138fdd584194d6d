/**
 * Pages through one partition of the tenant table in sort-key order, between two sort keys, with an
 * opaque cursor (the last sort key read): what the operator API's lists and exports stream from.
 */
import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { TTL_ATTRIBUTE } from './table-schema.js';

export interface PartitionQuery {
  pk: string;
  /** Sort keys from `from` to `to`, both inclusive. */
  from: string;
  to: string;
  /** The cursor of the previous page. */
  after?: string;
  limit: number;
  /** When given, items whose TTL has passed are left out (DynamoDB deletes them some time later). */
  nowMs?: number;
}

const encode = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export async function partitionPage(
  db: DynamoDBClient,
  table: string,
  query: PartitionQuery,
): Promise<{ items: Record<string, unknown>[]; next?: string }> {
  const items: Record<string, unknown>[] = [];
  let start = query.after ? marshall({ pk: query.pk, sk: decode(query.after) }) : undefined;
  // A filter may leave a page short: keep reading until the page is full or the range ends.
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ...(query.nowMs !== undefined ? { FilterExpression: `attribute_not_exists(#ttl) OR #ttl > :now` } : {}),
        ExpressionAttributeNames: query.nowMs !== undefined ? { '#ttl': TTL_ATTRIBUTE } : undefined,
        ExpressionAttributeValues: marshall({
          ':pk': query.pk,
          ':from': query.from,
          ':to': query.to,
          ...(query.nowMs !== undefined ? { ':now': Math.floor(query.nowMs / 1000) } : {}),
        }),
        ConsistentRead: true,
        Limit: query.limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []).map((item) => unmarshall(item)));
    start = out.LastEvaluatedKey;
  } while (start && items.length < query.limit);
  const last = items.at(-1);
  return { items, ...(start && last ? { next: encode(String(last.sk)) } : {}) };
}

/** A sort key that orders by time: epoch ms, zero-padded to 13 digits. */
export const timeKey = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(13, '0');
/** The first and last possible sort keys of a time range. */
export const timeRange = (since?: number, until?: number) => ({
  from: since === undefined ? '0' : timeKey(since),
  to: until === undefined ? '~' : `${timeKey(until)}~`,
});
