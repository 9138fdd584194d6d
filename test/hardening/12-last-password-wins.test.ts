/** Hardening 12: the last password the client sent is the account's, as on a homeserver. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';

async function logIn(h: Harness, user: string, password: string): Promise<number> {
  const reply = await fetch(`${h.homeserver.url}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password }),
  });
  return reply.status;
}

describe('hardening 12: the last password sent wins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a later call with the same username and a new password changes the password', async () => {
    const first = await h.post(REGISTER, { username: 'changer', password: 'first password typed' });
    const session = first.body.session;
    await h.post(REGISTER, { username: 'changer', password: 'second password typed', auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done.status).toBe(200);
    expect(await logIn(h, 'changer', 'second password typed')).toBe(200);
    expect(await logIn(h, 'changer', 'first password typed')).toBe(403);
  });

  it('a later call with a different username and a new password takes both', async () => {
    const first = await h.post(REGISTER, { username: 'before', password: 'first password typed' });
    const session = first.body.session;
    await h.post(REGISTER, { username: 'after', password: 'second password typed', auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done.body.user_id).toBe('@after:localhost');
    expect(await logIn(h, 'after', 'second password typed')).toBe(200);
  });

  it('a password resent unchanged on every call (as matrix-js-sdk does) keeps working', async () => {
    const body = { username: 'resender', password: 'same password always' };
    const first = await h.post(REGISTER, body);
    const session = first.body.session;
    await h.post(REGISTER, { ...body, auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { ...body, auth: { session, type: 'm.login.dummy' } });
    expect(done.status).toBe(200);
    expect(await logIn(h, 'resender', 'same password always')).toBe(200);
  });
});
