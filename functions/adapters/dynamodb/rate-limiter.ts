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
 *
 * One key may keep several counts (a client's /register count and its name holds): each under attribute names
 * of its own, spent together by one write while their windows last, each decided by its own condition. When one
 * refuses, the write fails and none is spent (but a count whose new window began in a write of its own, before
 * another count refused, keeps that hit). Their item is kept as long as the longest-lived of them needs
 * (`keepSeconds`): every write sets its expiry, and a count with a shorter window must not cut another's short.
 */
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CountHit, RateDecision, RateLimit, RateLimiter } from '../../ports/index.js';
import { applied } from './conditional-writes.js';
import { rateKey, TTL_ATTRIBUTE } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

/** One count as stored: `win` is the current window's start (ms); `next` is absent on items of the older form. */
interface Counts {
  win: number;
  hits: number;
  prev: number;
  next?: number;
}

/** A count's attributes: the key's own count under these names, a named one under `<name>_` and these. */
const ATTRIBUTES = ['win', 'hits', 'prev', 'step', 'next'];

/** One count a hit spends: its limit, its attributes' prefix, and the window the hit falls in. */
interface Spend {
  limit: RateLimit;
  windowMs: number;
  win: number;
  prefix: string;
}

/** Rollovers a hit may lose to other hits before it gives up (each loss means another hit moved the window). */
const MAX_TRIES = 4;

const ALLOWED: RateDecision = { allowed: true };

export class DynamoRateLimiter extends TableAccess implements RateLimiter {
  async hit(key: string, limit: RateLimit, now: number): Promise<RateDecision> {
    return (await this.hitTogether(key, [{ limit }], now))[0]!;
  }

  async hitTogether(key: string, hits: readonly CountHit[], now: number): Promise<RateDecision[]> {
    const spends: Spend[] = hits.map(({ name, limit }) => ({
      limit,
      windowMs: limit.windowSeconds * 1000,
      win: windowOf(limit, now),
      prefix: name === undefined ? '' : `${name}_`,
    }));
    const decided = new Map<Spend, RateDecision>();
    const refused = () => [...decided.values()].some((decision) => !decision.allowed);
    // A count not decided on its own is allowed: spent by the write that counted it, or unspent beside a refusal.
    const answer = () => spends.map((spend) => decided.get(spend) ?? ALLOWED);
    for (let tries = 1; ; tries++) {
      const open = spends.filter((spend) => !decided.has(spend));
      const written = await this.add(key, open, now);
      if (written === 'counted') return answer();
      const old = unmarshall(written);
      const rolls: [Spend, Counts][] = [];
      for (const spend of open) {
        const counts = countsOf(old, spend.prefix);
        if (!counts) continue;
        if (counts.win > spend.win) {
          // Another instance's clock runs a little ahead: its window counts as begun just now.
          spend.win = counts.win;
        } else if (counts.win < spend.win || counts.next === undefined) {
          // An older window, or this window's item of the older form.
          rolls.push([spend, counts]);
        } else if (counts.hits >= spend.limit.max || counts.next > Math.max(now, spend.win)) {
          decided.set(spend, refusal(spend.limit, counts, now, spend.windowMs));
        }
      }
      // A refused call begins no window: what it would spend elsewhere is left as it is.
      if (!refused()) {
        await Promise.all(
          rolls.map(async ([spend, counts]) => {
            const rolled = await this.roll(key, spend, now, counts);
            if (rolled) decided.set(spend, rolled);
          }),
        );
      }
      if (decided.size === spends.length || refused()) return answer();
      if (tries >= MAX_TRIES) throw new Error(`rate counter ${key}: too many concurrent window changes`);
    }
  }

  /**
   * One more hit on each count in the window starting at its `win`, when that is the one stored and has room, or
   * when nothing is stored (a key never seen, or gone with its TTL: the first hit begins its window in the same
   * write); else what is stored (a failed condition always means an item with a window).
   */
  private async add(key: string, spends: Spend[], now: number): Promise<'counted' | Item> {
    const names: Record<string, string> = { '#ttl': TTL_ATTRIBUTE };
    const values: Record<string, number> = { ':one': 1, ':zero': 0, ':ttl': ttlOf(spends, now) };
    const sets: string[] = [];
    const adds: string[] = [];
    const conditions: string[] = [];
    spends.forEach((spend, i) => {
      Object.assign(names, namesOf(spend, i));
      // A clock behind the stored window counts from the window's start.
      Object.assign(values, { [`:w${i}`]: spend.win, [`:m${i}`]: spend.limit.max, [`:t${i}`]: Math.max(now, spend.win) });
      // On a stored count only `next` moves (by its step) and `hits`; a new one starts from nothing before it.
      sets.push(
        `#win${i} = if_not_exists(#win${i}, :w${i}), #prev${i} = if_not_exists(#prev${i}, :zero), #step${i} = if_not_exists(#step${i}, :zero), ` +
          `#next${i} = if_not_exists(#next${i}, :zero) + if_not_exists(#step${i}, :zero)`,
      );
      adds.push(`#hits${i} :one`);
      conditions.push(`(attribute_not_exists(#win${i}) OR (#win${i} = :w${i} AND #hits${i} < :m${i} AND #next${i} <= :t${i}))`);
    });
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(rateKey(key)),
          UpdateExpression: `SET ${sets.join(', ')}, #ttl = :ttl ADD ${adds.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'counted';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return error.Item;
    }
  }

  /**
   * The first hit of a count's window replaces the stored window, keeping its count as `prev` when it is the one
   * just before (or rewrites this window's count of the older form). Undefined when another hit replaced it first.
   */
  private async roll(key: string, spend: Spend, now: number, old: Counts): Promise<RateDecision | undefined> {
    const { limit, windowMs, win } = spend;
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
        UpdateExpression: 'SET #win = :win, #hits = :hits, #prev = :prev, #step = :step, #next = :next, #ttl = :ttl',
        ConditionExpression: same ? '#win = :old AND attribute_not_exists(#next)' : '#win = :old',
        ExpressionAttributeNames: { ...namesOf(spend, ''), '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: marshall({
          ':win': win,
          ':hits': hits,
          ':prev': prev,
          ':step': step,
          ':next': nextAllowed(win, windowMs, limit.max, hits, step),
          ':old': old.win,
          ':ttl': ttlOf([spend], now),
        }),
      }),
    );
    if (!won) return undefined;
    return allowed ? ALLOWED : refusal(limit, { win, hits, prev }, now, windowMs);
  }
}

/** The placeholders of a count's attributes (`#win0`…), each naming its attribute. */
function namesOf(spend: Spend, suffix: number | ''): Record<string, string> {
  return Object.fromEntries(ATTRIBUTES.map((attribute) => [`#${attribute}${suffix}`, spend.prefix + attribute]));
}

/**
 * The item's expiry (epoch seconds): each count's window and the one after it, while it still weighs on the
 * next; and at least `keepSeconds` twice over from now, for the longer counts sharing the item.
 */
function ttlOf(spends: Spend[], now: number): number {
  const until = Math.max(...spends.map((s) => Math.max(s.win + 2 * s.windowMs, now + 2 * (s.limit.keepSeconds ?? 0) * 1000)));
  return Math.ceil(until / 1000) + 60;
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

/** A count as the (unmarshalled) item stores it; undefined when the item has none under this prefix. */
function countsOf(stored: Record<string, unknown>, prefix: string): Counts | undefined {
  const [win, hits, prev, next] = ['win', 'hits', 'prev', 'next'].map((attribute) => stored[prefix + attribute]);
  if (win === undefined) return undefined;
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
