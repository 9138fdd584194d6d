import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, operator, OPERATOR_KEY, TOKENS } from './support.js';

describe('the operator API for registration tokens', () => {
  let h: Harness;
  const clock = new TestClock(Date.now());
  beforeAll(async () => {
    h = await startHarness({
      clock,
      config: { registration: { flows: [['m.login.registration_token', 'm.login.dummy']] } },
      secrets: { operatorKey: OPERATOR_KEY },
    });
  });
  afterAll(() => h.close());

  it('refuses a call without a key (401 M_MISSING_TOKEN) and with a wrong key (401 M_UNKNOWN_TOKEN)', async () => {
    expect(await call(h, TOKENS)).toMatchObject({ status: 401, body: { errcode: 'M_MISSING_TOKEN' } });
    expect(await call(h, TOKENS, { headers: { authorization: 'Bearer nope' } })).toMatchObject({
      status: 401,
      body: { errcode: 'M_UNKNOWN_TOKEN' },
    });
    expect(await call(h, TOKENS, { headers: { authorization: `Bearer ${OPERATOR_KEY}x` } })).toMatchObject({
      status: 401,
      body: { errcode: 'M_UNKNOWN_TOKEN' },
    });
    expect(await call(h, `${TOKENS}/new`, { body: {}, headers: { authorization: `Basic ${OPERATOR_KEY}` } })).toMatchObject({
      status: 401,
      body: { errcode: 'M_MISSING_TOKEN' },
    });
  });

  it('creates a token with defaults: 16 generated characters, unlimited, never expiring', async () => {
    const res = await operator(h, `${TOKENS}/new`, { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9._~-]{16}$/),
      uses_allowed: null,
      pending: 0,
      completed: 0,
      expiry_time: null,
      privileges: {},
    });
    const longer = await operator(h, `${TOKENS}/new`, { body: { length: 40 } });
    expect(longer.body.token).toHaveLength(40);
  });

  it('refuses bad input with 400 M_INVALID_PARAM or M_NOT_JSON, never a 5xx', async () => {
    const bad = [
      { token: 'has space' },
      { token: 'x'.repeat(65) },
      { token: 7 },
      { length: 0 },
      { length: 65 },
      { length: 'ten' },
      { uses_allowed: -1 },
      { uses_allowed: 1.5 },
      { uses_allowed: '3' },
      { expiry_time: clock.now() - 1 },
      { expiry_time: 'tomorrow' },
      { privileges: { skip_stages: ['m.login.registration_token'] } },
      { privileges: { skip_stages: ['m.login.nonsense'] } },
      { privileges: { colour: 'blue' } },
      { privileges: [] },
    ];
    for (const body of bad) {
      const res = await operator(h, `${TOKENS}/new`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errcode).toBe('M_INVALID_PARAM');
    }
    expect(await operator(h, `${TOKENS}/new`, { body: '{not json' })).toMatchObject({ status: 400, body: { errcode: 'M_NOT_JSON' } });
    expect(await operator(h, `${TOKENS}/new`, { body: '[1]' })).toMatchObject({ status: 400, body: { errcode: 'M_BAD_JSON' } });
    expect(await operator(h, `${TOKENS}?valid=maybe`)).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_PARAM' } });
  });

  it('refuses to create a token that exists', async () => {
    expect((await operator(h, `${TOKENS}/new`, { body: { token: 'twice' } })).status).toBe(200);
    expect(await operator(h, `${TOKENS}/new`, { body: { token: 'twice' } })).toMatchObject({
      status: 400,
      body: { errcode: 'M_INVALID_PARAM' },
    });
  });

  it('gets, updates and deletes a token; unknown tokens are 404 M_NOT_FOUND', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'edit-me', uses_allowed: 1 } });
    expect((await operator(h, `${TOKENS}/edit-me`)).body).toMatchObject({ token: 'edit-me', uses_allowed: 1 });
    const expiry = clock.now() + 86_400_000;
    const updated = await operator(h, `${TOKENS}/edit-me`, {
      method: 'PUT',
      body: { uses_allowed: null, expiry_time: expiry, privileges: { label: 'partners' } },
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { token: 'edit-me', uses_allowed: null, expiry_time: expiry, privileges: { label: 'partners' } },
    });
    const unchanged = await operator(h, `${TOKENS}/edit-me`, { method: 'PUT', body: {} });
    expect(unchanged.body).toMatchObject({ uses_allowed: null, expiry_time: expiry });
    expect(await operator(h, `${TOKENS}/edit-me`, { method: 'PUT', body: { uses_allowed: -3 } })).toMatchObject({
      status: 400,
      body: { errcode: 'M_INVALID_PARAM' },
    });
    expect(await operator(h, `${TOKENS}/edit-me`, { method: 'DELETE' })).toMatchObject({ status: 200, body: {} });
    for (const method of ['GET', 'DELETE'])
      expect(await operator(h, `${TOKENS}/edit-me`, { method })).toMatchObject({ status: 404, body: { errcode: 'M_NOT_FOUND' } });
    expect(await operator(h, `${TOKENS}/edit-me`, { method: 'PUT', body: {} })).toMatchObject({
      status: 404,
      body: { errcode: 'M_NOT_FOUND' },
    });
    expect(await operator(h, `${TOKENS}/${encodeURIComponent('not a token')}`)).toMatchObject({
      status: 404,
      body: { errcode: 'M_NOT_FOUND' },
    });
  });

  it('lists tokens, filtered by validity', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'list-used-up', uses_allowed: 0 } });
    await operator(h, `${TOKENS}/new`, { body: { token: 'list-expiring', expiry_time: clock.now() + 1000 } });
    await operator(h, `${TOKENS}/new`, { body: { token: 'list-open' } });
    clock.advance(2000);
    const names = (res: { body: { registration_tokens: { token: string }[] } }) =>
      res.body.registration_tokens.map((t) => t.token).filter((t) => t.startsWith('list-'));
    expect(names(await operator(h, TOKENS)).sort()).toEqual(['list-expiring', 'list-open', 'list-used-up']);
    expect(names(await operator(h, `${TOKENS}?valid=true`))).toEqual(['list-open']);
    expect(names(await operator(h, `${TOKENS}?valid=false`)).sort()).toEqual(['list-expiring', 'list-used-up']);
  });

  it('logs what was decided about a token but never the token or the key', async () => {
    await operator(h, `${TOKENS}/new`, { body: { token: 'do-not-log-me' } });
    const logs = h.logs.join('\n');
    expect(logs).toContain('registration_token_created');
    expect(logs).not.toContain('do-not-log-me');
    expect(logs).not.toContain(OPERATOR_KEY);
  });
});

describe('the operator API without an operator key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock: new TestClock(Date.now()) });
  });
  afterAll(() => h.close());

  it('answers 403 M_FORBIDDEN', async () => {
    expect(await call(h, TOKENS, { headers: { authorization: 'Bearer anything' } })).toMatchObject({
      status: 403,
      body: { errcode: 'M_FORBIDDEN' },
    });
  });
});
