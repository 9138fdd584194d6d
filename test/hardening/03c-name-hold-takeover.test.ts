/**
 * Hardening 3, issue 18: a session's first passed stage keeps its name with no write to the hold (one round trip
 * less). A hold whose short time ran out is taken over only in one transaction with a check that its session
 * passed no stage, so the holder's first stage and a newcomer's takeover can never both win.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { AVAILABLE } from '../support/constants.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';

const HOLD_SECONDS = 300;
const PASSWORD = 'correct horse battery';

describe('a lapsed short hold is taken over only from a session that passed nothing', () => {
  const clock = new TestClock();
  const h = useHarness({
    clock,
    config: {
      username: { holdSeconds: HOLD_SECONDS, holdsPerClientIp: 50 },
      registration: { flows: [['m.login.terms', 'm.login.dummy']], sessionLifetimeSeconds: 3600 },
    },
  });
  const first = (username: string, password = PASSWORD) => h.post(REGISTER, { username, password });
  const stage = (session: string, type: string) => h.post(REGISTER, { auth: { session, type } });
  const available = async (username: string) => (await h.get(`${AVAILABLE}?username=${username}`)).body;

  it('keeps the name of a session whose first stage passed, long after its short hold, with no write to the hold', async () => {
    const holder = await first('steady');
    const before = (await h.items()).find((item) => item.pk === 'username#steady');
    expect((await stage(holder.body.session, 'm.login.terms')).body.completed).toEqual(['m.login.terms']);
    expect((await h.items()).find((item) => item.pk === 'username#steady')).toEqual(before);
    clock.advance(2 * HOLD_SECONDS * 1000);
    expect(await available('steady')).toMatchObject({ errcode: 'M_USER_IN_USE' });
    expect((await first('steady', 'another long passphrase')).body.errcode).toBe('M_USER_IN_USE');
    expect(await stage(holder.body.session, 'm.login.dummy')).toMatchObject({ status: 200, body: { user_id: '@steady:localhost' } });
  });

  it('gives the name of a session that passed nothing to the next one, and the first cannot make the account', async () => {
    const squatter = await first('lapsed');
    clock.advance(HOLD_SECONDS * 1000 + 1000);
    expect(await available('lapsed')).toEqual({ available: true });
    const newcomer = await first('lapsed', 'another long passphrase');
    expect(newcomer.status).toBe(401);
    await stage(squatter.body.session, 'm.login.terms');
    expect((await stage(squatter.body.session, 'm.login.dummy')).body.errcode).toBe('M_USER_IN_USE');
    await stage(newcomer.body.session, 'm.login.terms');
    expect(await stage(newcomer.body.session, 'm.login.dummy')).toMatchObject({ status: 200, body: { user_id: '@lapsed:localhost' } });
  });

  it('lets exactly one win when the holder’s first stage races a takeover', async () => {
    for (let i = 0; i < 12; i++) {
      const name = `contest${i}`;
      const holder = await first(name);
      clock.advance(HOLD_SECONDS * 1000 + 1000);
      const [passed, taker] = await Promise.all([stage(holder.body.session, 'm.login.terms'), first(name, 'another long passphrase')]);
      expect(passed.status).toBe(401);
      const holderDone = await stage(holder.body.session, 'm.login.dummy');
      if (taker.status === 401) {
        expect(holderDone.body.errcode, name).toBe('M_USER_IN_USE');
        await stage(taker.body.session, 'm.login.terms');
        expect((await stage(taker.body.session, 'm.login.dummy')).body.user_id, name).toBe(`@${name}:localhost`);
      } else {
        expect(taker.body.errcode, name).toBe('M_USER_IN_USE');
        expect(holderDone.body.user_id, name).toBe(`@${name}:localhost`);
      }
      expect(h.homeserver.listUsers().filter((user) => user.name === `@${name}:localhost`)).toHaveLength(1);
    }
  });

  it('reads a hold written before holds kept their session’s end (no sessionExpiresAt) the same way', async () => {
    const withStage = await first('olderkept');
    await stage(withStage.body.session, 'm.login.terms');
    const bare = await first('olderfree');
    const now = clock.now();
    // As the previous version left them: the short hold's end, and the item's TTL with it.
    for (const [name, session] of [
      ['olderkept', withStage.body.session],
      ['olderfree', bare.body.session],
    ]) {
      await h.db.send(
        new PutItemCommand({
          TableName: h.config.tableName,
          Item: marshall({
            pk: `username#${name}`,
            sk: 'reservation',
            sessionId: session,
            expiresAt: now + 1000,
            ttl: Math.ceil((now + 1000) / 1000),
          }),
        }),
      );
    }
    clock.advance(HOLD_SECONDS * 1000);
    expect((await first('olderkept', 'another long passphrase')).body.errcode).toBe('M_USER_IN_USE');
    expect((await first('olderfree', 'another long passphrase')).status).toBe(401);
  });
});
