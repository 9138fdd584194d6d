/** Fixed-window rate limits as atomic counters on the tenant table, deleted by TTL after their window. */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RateDecision, RateLimiter } from '../ports.js';
import { rateKey, TTL_ATTRIBUTE } from './table-schema.js';

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async hit(key: string, limit: { max: number; windowSeconds: number }, now: number): Promise<RateDecision> {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const windowEnd = windowStart + windowMs;
    const out = await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(rateKey(key, windowStart)),
        UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: marshall({ ':one': 1, ':ttl': Math.ceil(windowEnd / 1000) + 60 }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits = Number(out.Attributes?.hits?.N ?? 0);
    if (hits <= limit.max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }
}
