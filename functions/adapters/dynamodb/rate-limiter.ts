/**
 * Rate limits as atomic counters on the tenant table: one item per key, holding the current window's start
 * and hits and the previous window's hits, deleted by TTL once idle.
 *
 * By default the decision is a sliding window: this window's hits plus the previous window's, weighted by
 * how much of it still overlaps the last `windowSeconds`. A fixed window alone would let a client spend its
 * allowance at the end of one window and again at the start of the next: twice the limit in one window's
 * length. `calendar` limits (a ceiling per UTC day) keep fixed windows.
 *
 * The decision is the write's own condition, so a hit needs nothing back from the table. The previous
 * window's hits are fixed once a window begins, so each further hit becomes allowed at a time known then:
 * `next`, which every allowed hit moves on by `step` (the window's length over the previous window's hits).
 * A hit is `hits < max AND next <= now`, one conditional `UpdateItem`; a refused hit writes nothing, so
 * hammering costs one failed condition a request and never pushes the client's own Retry-After further away.
 * The first hit on a key never seen (or deleted by its TTL) begins its window in that same write. Only the
 * first hit of a new window over a stored older one makes a second write, which moves the old window's count
 * to `prev` (conditional on the window it replaces, so two rollovers at once cannot both win; the loser counts
 * into the winner's window).
 */
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RateDecision, RateLimit, RateLimiter } from '../../ports/index.js';
import { applied } from './conditional-writes.js';
import { rateKey, TTL_ATTRIBUTE } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

/** One counter as stored: `win` is the current window's start (ms); `next` is absent on items of the older form. */
interface Counts {
  win: number;
  hits: number;
  prev: number;
  next?: number;
}

/** Rollovers a hit may lose to other hits before it gives up (each loss means another hit moved the window). */
const MAX_TRIES = 4;

const NAMES = { '#win': 'win', '#next': 'next' };

export class DynamoRateLimiter extends TableAccess implements RateLimiter {
  async hit(key: string, limit: RateLimit, now: number): Promise<RateDecision> {
    const windowMs = limit.windowSeconds * 1000;
    let win = windowOf(limit, now);
    for (let tries = 1; ; tries++) {
      const old = await this.add(key, limit, win, now);
      if (old === 'counted') return { allowed: true };
      if (old.win > win) {
        // Another instance's clock runs a little ahead: its window counts as begun just now.
        win = old.win;
      } else if (old.win === win && old.next !== undefined) {
        return refusal(limit, old, now, windowMs);
      } else {
        // An older window, or this window's item of the older form.
        const rolled = await this.roll(key, limit, win, now, old);
        if (rolled) return rolled;
      }
      if (tries >= MAX_TRIES) throw new Error(`rate counter ${key}: too many concurrent window changes`);
    }
  }

  /**
   * One more hit in the window starting at `win`, when it is the one stored and has room, or when nothing is
   * stored (a key never seen, or gone with its TTL: the first hit begins its window in the same write); else
   * what is stored (a failed condition always means an item with a window).
   */
  private async add(key: string, limit: RateLimit, win: number, now: number): Promise<'counted' | Counts> {
    const windowMs = limit.windowSeconds * 1000;
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(rateKey(key)),
          // On a stored item only `next` moves (by its step) and `hits`; a new one starts from nothing before it.
          UpdateExpression:
            'SET #win = if_not_exists(#win, :win), prev = if_not_exists(prev, :zero), step = if_not_exists(step, :zero), ' +
            '#next = if_not_exists(#next, :zero) + if_not_exists(step, :zero), #ttl = if_not_exists(#ttl, :ttl) ADD hits :one',
          ConditionExpression: 'attribute_not_exists(#win) OR (#win = :win AND hits < :max AND #next <= :now)',
          ExpressionAttributeNames: { ...NAMES, '#ttl': TTL_ATTRIBUTE },
          // A clock behind the stored window counts from the window's start.
          ExpressionAttributeValues: marshall({
            ':one': 1,
            ':zero': 0,
            ':win': win,
            ':max': limit.max,
            ':now': Math.max(now, win),
            ':ttl': ttlOf(win, windowMs),
          }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'counted';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return countsOf(error.Item);
    }
  }

  /**
   * The first hit of window `win` replaces the stored window, keeping its count as `prev` when it is the one just
   * before (or rewrites this window's item of the older form). Undefined when another hit replaced it first.
   */
  private async roll(key: string, limit: RateLimit, win: number, now: number, old: Counts): Promise<RateDecision | undefined> {
    const windowMs = limit.windowSeconds * 1000;
    const same = old.win === win;
    const prev = same ? old.prev : old.win === win - windowMs ? old.hits : 0;
    const before = limit.calendar ? 0 : prev;
    const hitsBefore = same ? old.hits : 0;
    const allowed = hitsBefore + 1 + before * (1 - Math.max(0, (now - win) / windowMs)) <= limit.max;
    const hits = hitsBefore + (allowed ? 1 : 0);
    const step = before > 0 ? windowMs / before : 0;
    const won = await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(rateKey(key)),
        UpdateExpression: 'SET #win = :win, hits = :hits, prev = :prev, step = :step, #next = :next, #ttl = :ttl',
        ConditionExpression: same ? '#win = :old AND attribute_not_exists(#next)' : '#win = :old',
        ExpressionAttributeNames: { ...NAMES, '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: marshall({
          ':win': win,
          ':hits': hits,
          ':prev': prev,
          ':step': step,
          ':next': nextAllowed(win, windowMs, limit.max, hits, step),
          ':old': old.win,
          ':ttl': ttlOf(win, windowMs),
        }),
      }),
    );
    if (!won) return undefined;
    return allowed ? { allowed: true } : refusal(limit, { win, hits, prev }, now, windowMs);
  }
}

/** Kept for a window after its own, while it still weighs on the next one (epoch seconds). */
function ttlOf(win: number, windowMs: number): number {
  return Math.ceil((win + 2 * windowMs) / 1000) + 60;
}

/** The start of the window `now` falls in. */
function windowOf(limit: RateLimit, now: number): number {
  const windowMs = limit.windowSeconds * 1000;
  return Math.floor(now / windowMs) * windowMs;
}

/**
 * When one more hit fits after `hits` (hits + 1 + before × (1 − t) ≤ max, t the fraction of the window gone
 * by): win + windowMs − (max − 1 − hits) × step, for step = windowMs ÷ before. Each hit adds one step.
 * With nothing before (or a calendar limit), only `hits < max` decides.
 */
function nextAllowed(win: number, windowMs: number, max: number, hits: number, step: number): number {
  return step > 0 ? win + windowMs - (max - 1 - hits) * step : 0;
}

function refusal(limit: RateLimit, counts: Counts, now: number, windowMs: number): RateDecision {
  const before = limit.calendar ? 0 : counts.prev;
  const until = limit.calendar ? counts.win + windowMs : allowedAgainAt(counts.hits, before, limit.max, counts.win, windowMs);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

function countsOf(item: Item): Counts {
  const { win, hits, prev, next } = unmarshall(item);
  return { win: Number(win), hits: Number(hits ?? 0), prev: Number(prev ?? 0), ...(next === undefined ? {} : { next: Number(next) }) };
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
