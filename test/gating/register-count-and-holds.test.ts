/**
 * A client's /register count and its name holds are kept on one item: a first call that holds a new name spends
 * both in one write, beside the session's own. Each still refuses with its own answer, a refused call spends
 * neither, and the item outlives the longer of the two windows whichever count wrote it last.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';

const HOLD_SECONDS = 300;
const PASSWORD = 'correct horse battery staple';

/** The client's counts, as the item on `rate#register:…` holds them (the only client here is one IP). */
interface ClientItem {
  hits: number;
  hold_hits?: number;
  ttl: number;
}

describe('one item for a client’s /register count and its name holds', () => {
  const clock = new TestClock(Math.floor(Date.now() / 600_000) * 600_000 + 1000);
  const h = useHarness({
    clock,
    config: {
      username: { holdSeconds: HOLD_SECONDS, holdsPerClientIp: 2 },
      registration: { flows: [['m.login.terms', 'm.login.dummy']], sessionLifetimeSeconds: 3600 },
      rateLimits: { register: { max: 6, windowSeconds: 60 }, available: { max: 100, windowSeconds: 60 } },
    },
  });

  /**
   * The counter writes calls make (the UpdateItems on `rate#` items), from the first call on. Added once, before
   * the first call: the client keeps each kind of command's stack once it has sent one (table-client.ts).
   */
  const writes: string[] = [];
  let counting = false;
  function countWrites(): string[] {
    writes.length = 0;
    if (counting) return writes;
    counting = true;
    h.db.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: { pk?: { S?: string } } }).Key?.pk?.S ?? '';
        if (context.commandName === 'UpdateItemCommand' && key.startsWith('rate#')) writes.push(key);
        return next(args);
      },
      { step: 'initialize', name: 'countWrites' },
    );
    return writes;
  }

  async function clientItem(): Promise<ClientItem> {
    const items = await h.items();
    const mine = items.filter((item) => String(item.pk).startsWith('rate#register:ip:'));
    expect(mine).toHaveLength(1);
    return mine[0] as unknown as ClientItem;
  }

  it('a first call holding a new name spends both counts in one write; a stage spends only the /register count', async () => {
    const writes = countWrites();
    const first = await h.post(REGISTER, { username: 'alder', password: PASSWORD });
    expect(first.status).toBe(401);
    expect(writes).toHaveLength(1);
    expect(await clientItem()).toMatchObject({ hits: 1, hold_hits: 1 });

    await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.terms' } });
    expect(writes).toHaveLength(2);
    expect(await clientItem()).toMatchObject({ hits: 2, hold_hits: 1 });
  });

  it('a new name on a session spends a hold of its own; the item outlives the hold window after a /register-only write', async () => {
    const first = await h.post(REGISTER, { username: 'birch', password: PASSWORD });
    expect(await clientItem()).toMatchObject({ hits: 3, hold_hits: 2 });
    const renamed = await h.post(REGISTER, { username: 'cedar', auth: { session: first.body.session, type: 'm.login.terms' } });
    // The third hold is over the cap of two: refused, with the holds' own message.
    expect(renamed).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: expect.stringContaining('usernames held') } });
    const item = await clientItem();
    expect(item).toMatchObject({ hits: 4, hold_hits: 2 });
    // Written last by /register's count (a 60 s window), kept for the holds' 300 s twice over.
    expect(item.ttl * 1000).toBeGreaterThanOrEqual(clock.now() + 2 * HOLD_SECONDS * 1000);
  });

  it('a first call over the hold cap answers with the holds’ refusal and spends neither count', async () => {
    const before = await clientItem();
    const writes = countWrites();
    const refused = await h.post(REGISTER, { username: 'dogwood', password: PASSWORD });
    expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: expect.stringContaining('usernames held') } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(writes).toHaveLength(1);
    expect(await clientItem()).toMatchObject({ hits: before.hits, hold_hits: before.hold_hits });
    // Nothing was held: the name is free.
    expect((await h.get('/_matrix/client/v3/register/available?username=dogwood')).status).toBe(200);
  });

  it('a first call over the /register limit answers 429 and holds nothing', async () => {
    // The holds' window has passed; /register's 60 s window too, so its count starts again.
    clock.advance(2 * HOLD_SECONDS * 1000);
    for (let i = 0; i < 6; i++) await h.post(REGISTER, { auth: { session: 'nosuchsession', type: 'm.login.dummy' } });
    const before = await clientItem();
    const refused = await h.post(REGISTER, { username: 'elm', password: PASSWORD });
    expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests; try again later' } });
    expect(await clientItem()).toEqual(before);
    expect((await h.get('/_matrix/client/v3/register/available?username=elm')).status).toBe(200);
  });
});
