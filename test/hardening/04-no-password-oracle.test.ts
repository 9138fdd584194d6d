/**
 * Hardening 4: a pending sign-up's session must not be handed to whoever knows (or guesses) its name and
 * password. The resume of a lost first answer works only just after it, only before any stage is passed,
 * and only a few tries per name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';

const PASSWORD = 'correct horse battery';

describe('hardening 4: no password oracle on pending sign-ups', () => {
  let h: Harness;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(() => h.close());

  it('the same name and password resumes the session only within the first two minutes', async () => {
    const first = await h.post(REGISTER, { username: 'pending1', password: PASSWORD });
    clock.advance(60_000);
    expect((await h.post(REGISTER, { username: 'pending1', password: PASSWORD })).body.session).toBe(first.body.session);
    clock.advance(61_000);
    const late = await h.post(REGISTER, { username: 'pending1', password: PASSWORD });
    expect(late).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    expect(late.body.session).toBeUndefined();
  });

  it('guesses are counted before the password is compared: after three, even the right password gets nothing', async () => {
    await h.post(REGISTER, { username: 'pending2', password: PASSWORD });
    for (const guess of ['guess number one', 'guess number two', 'guess number three']) {
      expect(await h.post(REGISTER, { username: 'pending2', password: guess })).toMatchObject({
        status: 400,
        body: { errcode: 'M_USER_IN_USE' },
      });
    }
    const right = await h.post(REGISTER, { username: 'pending2', password: PASSWORD });
    expect(right).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    expect(right.body.session).toBeUndefined();
  });

  it('a session that passed a stage is never resumed', async () => {
    const first = await h.post(REGISTER, { username: 'pending3', password: PASSWORD });
    await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.terms' } });
    const again = await h.post(REGISTER, { username: 'pending3', password: PASSWORD });
    expect(again).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
  });
});
