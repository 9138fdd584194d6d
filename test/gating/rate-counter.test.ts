/**
 * The per-key rate counter on DynamoDB Local: one item per key, one write per hit while a window lasts (and for
 * the first hit on a key), a second conditional write only when a new window replaces an older one, concurrent
 * rollovers that all count, and a refused hit that writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { rateKey } from '../../functions/adapters/dynamodb/table-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../functions/adapters/dynamodb/rate-limiter.js';
import { createTenantTable } from '../../local/create-table.js';

/** Counts the SDK calls a limiter makes, by operation. */
function countingClient(): { db: DynamoDBClient; calls: string[] } {
  const db = new DynamoDBClient({});
  const calls: string[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return { db, calls };
}

describe('the rate counter', () => {
  const { db, calls } = countingClient();
  let limiter: DynamoRateLimiter;
  let table: string;
  const minute = { max: 3, windowSeconds: 60 };
  // The start of a window, so each test knows where the window boundaries fall.
  const t0 = Math.floor(Date.now() / 60_000) * 60_000;
  beforeAll(async () => {
    table = `rate-${randomBytes(4).toString('hex')}`;
    await createTenantTable(db, table);
    limiter = new DynamoRateLimiter(db, table);
  });
  afterAll(() => db.destroy());

  it('spends one write per hit: on a key never seen, inside a window; two on the first hit over an older window', async () => {
    calls.length = 0;
    await limiter.hit('one-write', minute, t0 + 1000);
    expect(calls).toEqual(['UpdateItemCommand']);
    calls.length = 0;
    await limiter.hit('one-write', minute, t0 + 2000);
    expect(calls).toEqual(['UpdateItemCommand']);
    calls.length = 0;
    await limiter.hit('one-write', minute, t0 + 61_000);
    expect(calls).toEqual(['UpdateItemCommand', 'UpdateItemCommand']);
    calls.length = 0;
    await limiter.hit('one-write', minute, t0 + 62_000);
    expect(calls).toEqual(['UpdateItemCommand']);
  });

  it('refuses past the limit, and a refused hit does not count', async () => {
    for (let i = 0; i < 3; i++) expect(await limiter.hit('refuse', minute, t0 + i)).toEqual({ allowed: true });
    for (let i = 0; i < 5; i++) expect((await limiter.hit('refuse', minute, t0 + 10 + i)).allowed).toBe(false);
    // Three hits in the last window, weighted by what still overlaps: 3 × (1 − 0.5) = 1.5, so one more fits at half time.
    expect(await limiter.hit('refuse', minute, t0 + 90_000)).toEqual({ allowed: true });
    expect((await limiter.hit('refuse', minute, t0 + 90_001)).allowed).toBe(false);
  });

  it('weighs the previous window (a sliding window): no double allowance across a boundary', async () => {
    for (let i = 0; i < 3; i++) await limiter.hit('slide', minute, t0 + 59_000 + i);
    const refused = await limiter.hit('slide', minute, t0 + 60_500);
    expect(refused.allowed).toBe(false);
    // The refusal says when one more fits: once enough of the previous window has slid out.
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(10);
  });

  it('forgets a window older than the previous one', async () => {
    for (let i = 0; i < 3; i++) await limiter.hit('old', minute, t0 + i);
    for (let i = 0; i < 3; i++) expect(await limiter.hit('old', minute, t0 + 120_000 + i)).toEqual({ allowed: true });
  });

  it('counts every one of many hits racing to begin a new window (the losing rollovers count into the winner)', async () => {
    const wide = { max: 100, windowSeconds: 60 };
    await limiter.hit('race', wide, t0);
    await Promise.all(Array.from({ length: 12 }, () => limiter.hit('race', wide, t0 + 60_000)));
    const tight = { max: 12, windowSeconds: 60 };
    // Twelve hits in this window (plus a fading one from the last): a thirteenth is refused.
    expect((await limiter.hit('race', tight, t0 + 119_000)).allowed).toBe(false);
  });

  it('counts a hit from a clock a little behind into the window already begun', async () => {
    await limiter.hit('skew', minute, t0 + 60_000);
    await limiter.hit('skew', minute, t0 + 59_999);
    await limiter.hit('skew', minute, t0 + 60_001);
    expect((await limiter.hit('skew', minute, t0 + 60_002)).allowed).toBe(false);
  });

  it('keeps a calendar limit to its own window', async () => {
    const day = { max: 2, windowSeconds: 86_400, calendar: true };
    const d0 = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    await limiter.hit('day', day, d0 + 86_399_000);
    await limiter.hit('day', day, d0 + 86_399_500);
    expect(await limiter.hit('day', day, d0 + 86_400_000)).toEqual({ allowed: true });
  });

  it('refuses with one failed condition and writes nothing: hammering does not push Retry-After away', async () => {
    for (let i = 0; i < 3; i++) await limiter.hit('hammer', minute, t0 + i);
    calls.length = 0;
    const first = await limiter.hit('hammer', minute, t0 + 10);
    expect(calls).toEqual(['UpdateItemCommand']);
    for (let i = 0; i < 20; i++) await limiter.hit('hammer', minute, t0 + 20 + i);
    expect(await limiter.hit('hammer', minute, t0 + 10)).toEqual(first);
  });

  it('spends several counts under one key in one write, each decided by its own limit; a refusal spends none', async () => {
    const short = { max: 3, windowSeconds: 60 };
    const long = { name: 'hold', limit: { max: 2, windowSeconds: 600 } };
    const l0 = Math.floor(t0 / 600_000) * 600_000 + 600_000;
    calls.length = 0;
    expect(await limiter.hitTogether('together', [{ limit: short }, long], l0 + 1000)).toEqual([{ allowed: true }, { allowed: true }]);
    expect(calls).toEqual(['UpdateItemCommand']);
    expect(await limiter.hitTogether('together', [{ limit: short }, long], l0 + 2000)).toEqual([{ allowed: true }, { allowed: true }]);
    // The held count is full: the call is refused by it alone, and the other count is not spent.
    const refused = await limiter.hitTogether('together', [{ limit: short }, long], l0 + 3000);
    expect(refused[0]).toEqual({ allowed: true });
    expect(refused[1]!.allowed).toBe(false);
    expect(await limiter.hit('together', short, l0 + 4000)).toEqual({ allowed: true });
    expect((await limiter.hit('together', short, l0 + 5000)).allowed).toBe(false);
    // A minute on, the short count's window has turned and the long one's has not: each rolls on its own.
    expect(await limiter.hitTogether('together', [{ limit: short }, { ...long, limit: { ...long.limit, max: 3 } }], l0 + 90_000)).toEqual([
      { allowed: true },
      { allowed: true },
    ]);
    expect(
      (await limiter.hitTogether('together', [{ limit: short }, { ...long, limit: { ...long.limit, max: 3 } }], l0 + 91_000))[1]!.allowed,
    ).toBe(false);
  });

  it('keeps a key shared by counts of different windows as long as the longest needs, whichever wrote last', async () => {
    const read = async () =>
      Number((await db.send(new GetItemCommand({ TableName: table, Key: marshall(rateKey('kept')), ConsistentRead: true }))).Item!.ttl!.N);
    await limiter.hitTogether('kept', [{ name: 'hold', limit: { max: 5, windowSeconds: 600, keepSeconds: 600 } }], t0);
    const kept = await read();
    await limiter.hit('kept', { max: 5, windowSeconds: 60, keepSeconds: 600 }, t0 + 1000);
    expect(await read()).toBeGreaterThanOrEqual(kept);
    expect((await read()) * 1000).toBeGreaterThanOrEqual(t0 + 1000 + 2 * 600_000);
  });

  it('takes over an item of the older form (no `next`) in its own window, keeping its counts', async () => {
    const key = 'older-form';
    await db.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall({ ...rateKey(key), win: t0, hits: 2, prev: 0, ttl: Math.ceil(t0 / 1000) + 600 }),
      }),
    );
    expect(await limiter.hit(key, minute, t0 + 100)).toEqual({ allowed: true });
    expect((await limiter.hit(key, minute, t0 + 200)).allowed).toBe(false);
  });
});
