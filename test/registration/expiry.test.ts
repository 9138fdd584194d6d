import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';

describe('session lifetime', () => {
  const clock = new TestClock();
  const h = useHarness({
    clock,
    config: { registration: { flows: [['m.login.terms', 'm.login.dummy']], sessionLifetimeSeconds: 600 } },
  });

  it('treats a session past its lifetime as unknown, even before DynamoDB deletes it', async () => {
    const first = await h.post(REGISTER, { username: 'late', password: 'correct horse battery' });
    const session = first.body.session;
    clock.advance(599_000);
    expect((await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } })).status).toBe(401);
    clock.advance(2_000);
    const expired = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(expired).toMatchObject({ status: 400, body: { errcode: 'M_UNKNOWN' } });
    expect((await h.items()).some((item) => item.pk === `session#${session}`)).toBe(true);
  });

  it('frees the username of an expired session for someone else', async () => {
    await h.post(REGISTER, { username: 'slowpoke', password: 'correct horse battery' });
    expect((await h.post(REGISTER, { username: 'slowpoke', password: 'someone else entirely' })).status).toBe(400);
    clock.advance(601_000);
    expect((await h.post(REGISTER, { username: 'slowpoke', password: 'someone else entirely' })).status).toBe(401);
  });

  it('stores the TTL attribute in epoch seconds at the session expiry', async () => {
    const first = await h.post(REGISTER, { username: 'ttl', password: 'correct horse battery' });
    const item = (await h.items()).find((i) => i.pk === `session#${first.body.session}`)!;
    expect(item.ttl).toBe(Math.ceil((clock.now() + 600_000) / 1000));
  });
});
