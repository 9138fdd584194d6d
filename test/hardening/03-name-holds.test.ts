/**
 * Hardening 3: holding a username must cost something. A first call that carries only a name holds it
 * briefly (until a stage is passed), and one client IP can hold only so many names at a time.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';

const HOLD_SECONDS = 300;

describe('hardening 3: a name is held briefly until a stage is passed, and holds are capped per client IP', () => {
  const clock = new TestClock();
  const h = useHarness({
    clock,
    config: {
      username: { holdSeconds: HOLD_SECONDS, holdsPerClientIp: 3 },
      registration: { flows: [['m.login.terms', 'm.login.dummy']], sessionLifetimeSeconds: 3600 },
    },
  });

  it('a first call with only a username holds it for holdSeconds; after that someone else may take it', async () => {
    const squatter = await h.post(REGISTER, { username: 'wanted' });
    expect(squatter.status).toBe(401);
    clock.advance((HOLD_SECONDS - 5) * 1000);
    expect(await h.post(REGISTER, { username: 'wanted', password: 'correct horse battery' })).toMatchObject({
      status: 400,
      body: { errcode: 'M_USER_IN_USE' },
    });
    clock.advance(10_000);
    const owner = await h.post(REGISTER, { username: 'wanted', password: 'correct horse battery' });
    expect(owner.status).toBe(401);
    // The squatter's session no longer holds the name: it cannot finish with it.
    const session = squatter.body.session;
    await h.post(REGISTER, { password: 'another password here', auth: { session, type: 'm.login.terms' } });
    const late = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(late.status).not.toBe(200);
    clock.advance(HOLD_SECONDS * 1000);
  });

  it('passing a stage keeps the name for the rest of the session', async () => {
    const first = await h.post(REGISTER, { username: 'keeper', password: 'correct horse battery' });
    await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.terms' } });
    clock.advance(30 * 60 * 1000);
    expect(await h.post(REGISTER, { username: 'keeper', password: 'x correct horse battery' })).toMatchObject({
      status: 400,
      body: { errcode: 'M_USER_IN_USE' },
    });
    const done = await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.dummy' } });
    expect(done).toMatchObject({ status: 200, body: { user_id: '@keeper:localhost' } });
    clock.advance(HOLD_SECONDS * 1000);
  });

  it('one client IP holds at most holdsPerClientIp names at once; the next is 429 with Retry-After', async () => {
    // Earlier tests' holds from this IP have aged out of the window.
    clock.advance(2 * HOLD_SECONDS * 1000);
    const answers = [];
    for (const name of ['squat1', 'squat2', 'squat3', 'squat4', 'squat5']) answers.push(await h.post(REGISTER, { username: name }));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
    for (const refused of answers.slice(3)) {
      expect(refused).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // A refused hold holds nothing: the name is free for the next person.
    expect((await h.get('/_matrix/client/v3/register/available?username=squat5')).status).toBe(200);
  });
});
