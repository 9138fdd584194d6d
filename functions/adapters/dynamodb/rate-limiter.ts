/**
 * Rate limits as atomic counters on the tenant table, one item per key and window, deleted by TTL.
 *
 * By default the decision is a sliding window: this window's hits plus the previous window's, weighted by
 * how much of it still overlaps the last `windowSeconds`. A fixed window alone would let a client spend its
 * allowance at the end of one window and again at the start of the next: twice the limit in one window's
 * length. `calendar` limits (a ceiling per UTC day) keep fixed windows. A refused hit is taken back, so
 * hammering does not push the client's own Retry-After further away.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RateDecision, RateLimit, RateLimiter } from '../../ports/index.js';
import { rateKey, TTL_ATTRIBUTE } from './table-schema.js';
import { TableAccess } from './table-access.js';

export class DynamoRateLimiter extends TableAccess implements RateLimiter {
  async hit(key: string, limit: RateLimit, now: number): Promise<RateDecision> {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    // Both calls go out together: one round trip. The previous window no longer changes, so a plain read will do.
    const [hits, before] = await Promise.all([
      this.add(key, windowStart, windowMs, 1),
      limit.calendar ? Promise.resolve(0) : this.read(key, windowStart - windowMs),
    ]);
    const elapsed = (now - windowStart) / windowMs;
    if (hits + before * (1 - elapsed) <= limit.max) return { allowed: true };
    await this.add(key, windowStart, windowMs, -1);
    const until = limit.calendar ? windowStart + windowMs : allowedAgainAt(hits - 1, before, limit.max, windowStart, windowMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  }

  private async add(key: string, windowStart: number, windowMs: number, delta: number): Promise<number> {
    const out = await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(rateKey(key, windowStart)),
        UpdateExpression: 'ADD hits :delta SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        // Kept for a window after its own, while it still weighs on the next one.
        ExpressionAttributeValues: marshall({ ':delta': delta, ':ttl': Math.ceil((windowStart + 2 * windowMs) / 1000) + 60 }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits?.N ?? 0);
  }

  private async read(key: string, windowStart: number): Promise<number> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(rateKey(key, windowStart)), ProjectionExpression: 'hits' }),
    );
    return Number(out.Item?.hits?.N ?? 0);
  }
}

/**
 * When one more hit fits, given `hits` allowed in this window and `before` in the previous one: later in
 * this window once the previous one has faded enough, or else in the next window once this one has.
 */
export function allowedAgainAt(hits: number, before: number, max: number, windowStart: number, windowMs: number): number {
  // hits + 1 + before × (1 − t) ≤ max, for t the fraction of this window gone by.
  if (hits + 1 <= max && before > 0) return windowStart + windowMs * Math.max(0, 1 - (max - hits - 1) / before);
  // In the next window: 1 + hits × (1 − t) ≤ max.
  return windowStart + windowMs + (hits > 0 ? windowMs * Math.max(0, 1 - (max - 1) / hits) : 0);
}
