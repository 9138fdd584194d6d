/**
 * Issue 18: the per-client `/register` limit is decided beside the engine's first write instead of before
 * it (one round trip less per call). A refused call must still do nothing a refused call must not do: keep a
 * session or a name, check a registration token, make an account. What it may do (record a free stage) is
 * harmless, and the client is answered 429 all the same.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';
import { call, operator, OPERATOR_KEY, PASSWORD, TOKENS } from '../gating/support.js';
import { AVAILABLE } from '../support/constants.js';

const LIMIT = 4;
const WINDOW_MS = 60_000;

const register = (h: Harness, ip: string, body: unknown) => call(h, REGISTER, { body, ip });
/** Spends what is left of an address's allowance on calls that hold nothing. */
async function spend(h: Harness, ip: string, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await register(h, ip, { auth: { type: 'm.login.dummy', session: 'NoSuchSession' } });
}

describe('a /register call over its limit, decided beside the work', () => {
  const clock = new TestClock(Date.now());
  const h = useHarness({
    clock,
    config: {
      registration: {
        flows: [
          ['m.login.registration_token', 'm.login.dummy'],
          ['m.login.terms', 'm.login.dummy'],
        ],
      },
      rateLimits: { register: { max: LIMIT, windowSeconds: WINDOW_MS / 1000 } },
    },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('keeps no session and no name', async () => {
    const ip = '198.51.100.61';
    await spend(h, ip, LIMIT);
    const refused = await register(h, ip, { username: 'nameless', password: PASSWORD });
    expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    const items = await h.items();
    expect(items.filter((item) => String(item.pk).startsWith('username#nameless'))).toEqual([]);
    expect((await call(h, `${AVAILABLE}?username=nameless`, { ip: '198.51.100.62' })).body).toEqual({ available: true });
    // A first call without a name makes no session either.
    const sessions = items.filter((item) => String(item.pk).startsWith('session#')).length;
    expect((await register(h, ip, {})).status).toBe(429);
    expect((await h.items()).filter((item) => String(item.pk).startsWith('session#')).length).toBe(sessions);
  });

  it('does not check a registration token: even the right one is not taken', async () => {
    expect((await operator(h, `${TOKENS}/new`, { body: { token: 'right-token', uses_allowed: 5 } })).status).toBe(200);
    const ip = '198.51.100.63';
    const first = await register(h, ip, { username: 'tokenless', password: PASSWORD });
    expect(first.status).toBe(401);
    const session = first.body.session;
    await spend(h, ip, LIMIT - 1);
    const refused = await register(h, ip, { auth: { type: 'm.login.registration_token', token: 'right-token', session } });
    expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    clock.advance(2 * WINDOW_MS);
    const where = await register(h, ip, { auth: { session } });
    expect(where).toMatchObject({ status: 401, body: { session } });
    expect(where.body.completed ?? []).toEqual([]);
    expect((await operator(h, `${TOKENS}/right-token`)).body).toMatchObject({ pending: 0, completed: 0 });
  });

  it('makes no account, and the same session makes it once the limit allows', async () => {
    const ip = '198.51.100.64';
    const first = await register(h, ip, { username: 'patient', password: PASSWORD });
    const session = first.body.session;
    expect((await register(h, ip, { auth: { type: 'm.login.terms', session } })).status).toBe(401);
    await spend(h, ip, LIMIT - 2);
    const refused = await register(h, ip, { auth: { type: 'm.login.dummy', session } });
    expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(h.homeserver.getUser('@patient:localhost')).toBeUndefined();
    clock.advance(2 * WINDOW_MS);
    const done = await register(h, ip, { auth: { type: 'm.login.dummy', session } });
    expect(done).toMatchObject({ status: 200, body: { user_id: '@patient:localhost' } });
    expect((await register(h, ip, { auth: { type: 'm.login.dummy', session } })).body.user_id).toBe('@patient:localhost');
  });

  it('may record a free stage, and answers 429 all the same', async () => {
    const ip = '198.51.100.65';
    const first = await register(h, ip, { username: 'agreeable', password: PASSWORD });
    const session = first.body.session;
    await spend(h, ip, LIMIT - 1);
    expect((await register(h, ip, { auth: { type: 'm.login.terms', session } })).status).toBe(429);
    clock.advance(2 * WINDOW_MS);
    // The flow goes on from wherever the refused call left it (terms passed or not).
    expect((await register(h, ip, { auth: { type: 'm.login.terms', session } })).body.completed).toEqual(['m.login.terms']);
    expect(await register(h, ip, { auth: { type: 'm.login.dummy', session } })).toMatchObject({
      status: 200,
      body: { user_id: '@agreeable:localhost' },
    });
  });
});
