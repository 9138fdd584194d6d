import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, REGISTER, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, operator, OPERATOR_KEY, PASSWORD, TOKENS, VALIDITY } from './support.js';
import { useHarness } from '../support/use-harness.js';

const TOKEN_FLOW = { registration: { flows: [['m.login.registration_token', 'm.login.dummy']], sessionLifetimeSeconds: 600 } };

async function start(h: Harness, username: string, ip?: string): Promise<string> {
  const first = await call(h, REGISTER, { body: { username, password: PASSWORD }, ip });
  expect(first.status).toBe(401);
  return first.body.session;
}

const useToken = (h: Harness, session: string, token: string) =>
  call(h, REGISTER, { body: { auth: { type: 'm.login.registration_token', token, session } } });
const dummy = (h: Harness, session: string) => call(h, REGISTER, { body: { auth: { type: 'm.login.dummy', session } } });

describe('registration tokens', () => {
  const clock = new TestClock(Date.now());
  const h = useHarness({ clock, config: TOKEN_FLOW, secrets: { operatorKey: OPERATOR_KEY } });

  it('an organisation creates a one-use token; a new user registers with it; a second user with it is refused', async () => {
    const created = await operator(h, `${TOKENS}/new`, { body: { token: 'welcome-2026', uses_allowed: 1 } });
    expect(created).toMatchObject({
      status: 200,
      body: { token: 'welcome-2026', uses_allowed: 1, pending: 0, completed: 0, expiry_time: null },
    });

    const first = await start(h, 'newcomer');
    expect((await useToken(h, first, 'welcome-2026')).body.completed).toEqual(['m.login.registration_token']);
    const done = await dummy(h, first);
    expect(done).toMatchObject({ status: 200, body: { user_id: '@newcomer:localhost' } });
    expect(h.homeserver.getUser('@newcomer:localhost')).toBeDefined();

    const second = await start(h, 'latecomer');
    const refused = await useToken(h, second, 'welcome-2026');
    expect(refused).toMatchObject({ status: 401, body: { errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' } });
    expect(refused.body.completed).toEqual([]);
    expect((await operator(h, `${TOKENS}/welcome-2026`)).body).toMatchObject({ uses_allowed: 1, pending: 0, completed: 1 });
  });

  it('passes the same token again in one session and refuses a different one', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'same-again', uses_allowed: 1 } });
    await operator(h, `${TOKENS}/new`, { body: { token: 'another-one', uses_allowed: 5 } });
    const session = await start(h, 'repeater');
    expect((await useToken(h, session, 'same-again')).status).toBe(401);
    const again = await useToken(h, session, 'same-again');
    expect(again.status).toBe(401);
    expect(again.body.errcode).toBeUndefined();
    const other = await useToken(h, session, 'another-one');
    expect(other).toMatchObject({ status: 401, body: { errcode: 'M_UNAUTHORIZED', completed: ['m.login.registration_token'] } });
    expect((await operator(h, `${TOKENS}/another-one`)).body.pending).toBe(0);
    expect((await operator(h, `${TOKENS}/same-again`)).body.pending).toBe(1);
  });

  it('20 sessions racing for a token with one use left make exactly one account', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'last-seat', uses_allowed: 3 } });
    // Two uses already gone.
    for (const name of ['seat1', 'seat2']) {
      const s = await start(h, name);
      await useToken(h, s, 'last-seat');
      expect((await dummy(h, s)).status).toBe(200);
    }
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => start(h, `racer${i}`)));
    const answers = await Promise.all(sessions.map((s) => useToken(h, s, 'last-seat')));
    const passed = sessions.filter((_, i) => answers[i]!.body.errcode === undefined);
    expect(passed).toHaveLength(1);
    for (const a of answers) expect(a.status).toBe(401);
    const finals = await Promise.all(sessions.map((s) => dummy(h, s)));
    expect(finals.filter((a) => a.status === 200)).toHaveLength(1);
    const created = h.homeserver.listUsers().filter((u: any) => /^@racer\d+:/.test(u.name));
    expect(created).toHaveLength(1);
    expect((await operator(h, `${TOKENS}/last-seat`)).body).toMatchObject({ uses_allowed: 3, pending: 0, completed: 3 });
  });

  it('20 sessions finishing at once on a one-use token: completed never exceeds uses_allowed', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'one-shot', uses_allowed: 1 } });
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => start(h, `oneshot${i}`)));
    const answers = await Promise.all(
      sessions.map((s) => call(h, REGISTER, { body: { auth: { type: 'm.login.registration_token', token: 'one-shot', session: s } } })),
    );
    expect(answers.filter((a) => a.status === 401 && a.body.errcode === undefined)).toHaveLength(1);
    const finals = await Promise.all(sessions.map((s) => dummy(h, s)));
    expect(finals.filter((a) => a.status === 200)).toHaveLength(1);
    expect((await operator(h, `${TOKENS}/one-shot`)).body).toMatchObject({ pending: 0, completed: 1 });
  });

  it('gives a reservation back when its session expires without finishing', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'come-back', uses_allowed: 1 } });
    const abandoned = await start(h, 'walksaway');
    await useToken(h, abandoned, 'come-back');
    expect((await operator(h, `${TOKENS}/come-back`)).body).toMatchObject({ pending: 1, completed: 0 });
    expect((await call(h, `${VALIDITY}?token=come-back`)).body).toEqual({ valid: false });
    const blocked = await start(h, 'waiting');
    expect((await useToken(h, blocked, 'come-back')).body.errcode).toBe('M_UNAUTHORIZED');

    clock.advance(601_000);
    expect((await operator(h, `${TOKENS}/come-back`)).body).toMatchObject({ pending: 0, completed: 0 });
    expect((await call(h, `${VALIDITY}?token=come-back`)).body).toEqual({ valid: true });
    const next = await start(h, 'nextinline');
    expect((await useToken(h, next, 'come-back')).body.errcode).toBeUndefined();
    expect((await dummy(h, next)).status).toBe(200);
    expect((await operator(h, `${TOKENS}/come-back`)).body).toMatchObject({ pending: 0, completed: 1 });
    // The expired session cannot finish on a use it no longer holds.
    expect((await dummy(h, abandoned)).body.errcode).toBe('M_UNKNOWN');
  });

  it('gives the use back when the account cannot be made (name taken on the homeserver meanwhile)', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'give-back', uses_allowed: 1 } });
    const session = await start(h, 'sniped');
    await useToken(h, session, 'give-back');
    // Someone takes the name on the homeserver itself, behind the front door's back.
    const taken = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/@sniped:localhost`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'someone else entirely' }),
    });
    expect(taken.status).toBe(201);
    const answer = await dummy(h, session);
    expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    expect((await operator(h, `${TOKENS}/give-back`)).body).toMatchObject({ pending: 1, completed: 0 });
  });

  it('answers the validity endpoint for known, unknown, expired and malformed tokens', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'valid-one' } });
    await operator(h, `${TOKENS}/new`, { body: { token: 'soon-gone', expiry_time: clock.now() + 1000 } });
    expect((await call(h, `${VALIDITY}?token=valid-one`)).body).toEqual({ valid: true });
    expect((await call(h, `${VALIDITY}?token=never-made`)).body).toEqual({ valid: false });
    expect((await call(h, `${VALIDITY}?token=${encodeURIComponent('bad token!')}`)).body).toEqual({ valid: false });
    clock.advance(2000);
    expect((await call(h, `${VALIDITY}?token=soon-gone`)).body).toEqual({ valid: false });
    expect(await call(h, VALIDITY)).toMatchObject({ status: 400, body: { errcode: 'M_MISSING_PARAM' } });
    expect(await call(h, `${VALIDITY}?token=${'a'.repeat(65)}`)).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_PARAM' } });
  });

  it('never stores a token in clear', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'very-secret-token-value' } });
    const dump = JSON.stringify(await h.items());
    expect(dump).not.toContain('very-secret-token-value');
    expect(dump).not.toContain(OPERATOR_KEY);
  });
});

describe('token privileges', () => {
  const h = useHarness({
    clock: new TestClock(Date.now()),
    mode: 'admin_api',
    messaging: true,
    secrets: { operatorKey: OPERATOR_KEY },
    config: {
      registration: { flows: [['m.login.registration_token', 'm.login.email.identity']] },
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>' } },
    },
  });

  it('lets the holder of a token that skips the email stage finish without email, and keeps its label with the account', async () => {
    await operator(h, `${TOKENS}/new`, {
      body: { token: 'staff-only', uses_allowed: 2, privileges: { skip_stages: ['m.login.email.identity'], label: 'staff' } },
    });
    await operator(h, `${TOKENS}/new`, { body: { token: 'plain-token', uses_allowed: 2 } });
    const session = await start(h, 'staffer');
    const done = await useToken(h, session, 'staff-only');
    expect(done).toMatchObject({ status: 200, body: { user_id: '@staffer:localhost' } });
    const record = (await h.items()).find((i) => i.pk === 'account#@staffer:localhost');
    expect(record).toMatchObject({ label: 'staff', userId: '@staffer:localhost' });

    const plain = await start(h, 'ordinary');
    const stillNeedsEmail = await useToken(h, plain, 'plain-token');
    expect(stillNeedsEmail.status).toBe(401);
    expect(stillNeedsEmail.body.completed).toEqual(['m.login.registration_token']);
    expect((await operator(h, `${TOKENS}/staff-only`)).body.privileges).toEqual({
      skip_stages: ['m.login.email.identity'],
      label: 'staff',
    });
  });
});
