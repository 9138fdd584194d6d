/**
 * Rate limits as atomic counters on the tenant table: one item per key, holding the current window's start
 * and hits and the previous window's hits, deleted by TTL once idle.
 *
 * By default the decision is a sliding window: this window's hits plus the previous window's, weighted by
 * how much of it still overlaps the last `windowSeconds`. A fixed window alone would let a client spend its
 * allowance at the end of one window and again at the start of the next: twice the limit in one window's
 * length. `calendar` limits (a ceiling per UTC day) keep fixed windows. A refused hit is taken back, so
 * hammering does not push the client's own Retry-After further away.
 *
 * A hit is one conditional `UpdateItem` while its window lasts; only the first hit of a new window makes a
 * second write, which moves the old window's count to `prev` (conditional on the window it replaces, so two
 * rollovers at once cannot both win; the loser counts into the winner's window).
 */
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RateDecision, RateLimit, RateLimiter } from '../../ports/index.js';
import { applied } from './conditional-writes.js';
import { rateKey, TTL_ATTRIBUTE } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

/** One counter as stored: `win` is the current window's start (ms). */
interface Counts {
  win: number;
  hits: number;
  prev: number;
}

/** Rollovers a hit may lose to other hits before it gives up (each loss means another hit moved the window). */
const MAX_TRIES = 4;

export class DynamoRateLimiter extends TableAccess implements RateLimiter {
  async hit(key: string, limit: RateLimit, now: number): Promise<RateDecision> {
    const windowMs = limit.windowSeconds * 1000;
    const counts = await this.count(key, Math.floor(now / windowMs) * windowMs, windowMs);
    const before = limit.calendar ? 0 : counts.prev;
    // Another instance's clock may run a little ahead: its window then counts as begun just now.
    const elapsed = Math.max(0, (now - counts.win) / windowMs);
    if (counts.hits + before * (1 - elapsed) <= limit.max) return { allowed: true };
    await this.takeBack(key, counts.win);
    const until = limit.calendar ? counts.win + windowMs : allowedAgainAt(counts.hits - 1, before, limit.max, counts.win, windowMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  }

  /** One more hit, in the window starting at `win` (or a later one already stored); the counts after it. */
  private async count(key: string, win: number, windowMs: number): Promise<Counts> {
    for (let tries = 1; ; tries++) {
      const added = await this.add(key, win);
      if ('hits' in added) return added;
      const old = added.old;
      if (old && old.win > win) {
        win = old.win;
      } else {
        const rolled = await this.roll(key, win, windowMs, old);
        if (rolled) return rolled;
      }
      if (tries >= MAX_TRIES) throw new Error(`rate counter ${key}: too many concurrent window changes`);
    }
  }

  /** The common case: the stored window is this one. Otherwise what is stored (nothing, or another window). */
  private async add(key: string, win: number): Promise<Counts | { old?: Counts }> {
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(rateKey(key)),
          UpdateExpression: 'ADD hits :one',
          ConditionExpression: '#win = :win',
          ExpressionAttributeNames: { '#win': 'win' },
          ExpressionAttributeValues: marshall({ ':one': 1, ':win': win }),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return countsOf(out.Attributes as Item);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { old: error.Item ? countsOf(error.Item) : undefined };
    }
  }

  /** The first hit of window `win`: replaces the stored window, keeping its count when it is the one just before. */
  private async roll(key: string, win: number, windowMs: number, old?: Counts): Promise<Counts | undefined> {
    const prev = old?.win === win - windowMs ? old.hits : 0;
    const won = await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(rateKey(key)),
        UpdateExpression: 'SET #win = :win, hits = :one, prev = :prev, #ttl = :ttl',
        ConditionExpression: old ? '#win = :old' : 'attribute_not_exists(#win)',
        ExpressionAttributeNames: { '#win': 'win', '#ttl': TTL_ATTRIBUTE },
        // Kept for a window after its own, while it still weighs on the next one.
        ExpressionAttributeValues: marshall(
          { ':win': win, ':one': 1, ':prev': prev, ':old': old?.win, ':ttl': Math.ceil((win + 2 * windowMs) / 1000) + 60 },
          { removeUndefinedValues: true },
        ),
      }),
    );
    return won ? { win, hits: 1, prev } : undefined;
  }

  /** A refused hit does not count; if the window moved on meanwhile, there is nothing to take back. */
  private async takeBack(key: string, win: number): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(rateKey(key)),
        UpdateExpression: 'ADD hits :minus',
        ConditionExpression: '#win = :win',
        ExpressionAttributeNames: { '#win': 'win' },
        ExpressionAttributeValues: marshall({ ':minus': -1, ':win': win }),
      }),
    );
  }
}

function countsOf(item: Item): Counts {
  const { win, hits, prev } = unmarshall(item);
  return { win: Number(win), hits: Number(hits ?? 0), prev: Number(prev ?? 0) };
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
