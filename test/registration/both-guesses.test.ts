/**
 * Issue 18: a stage that ends one flow and sits inside another is written both ways at once without reading the
 * session (uia/unread-stage.ts); exactly one write lands, the answer is the one the usual path gives, and the
 * stage is counted once.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { operator, OPERATOR_KEY, TOKENS } from '../gating/support.js';

describe('a stage that may or may not finish a flow', () => {
  const h = useHarness({
    counts: true,
    config: {
      registration: {
        flows: [
          ['m.login.terms', 'm.login.dummy'],
          ['m.login.registration_token', 'm.login.terms'],
        ],
      },
    },
    secrets: { operatorKey: OPERATOR_KEY },
  });
  const start = async (username: string) => (await h.post(REGISTER, { username, password: 'correct horse battery' })).body.session;
  const stage = (session: string, type: string) => h.post(REGISTER, { auth: { session, type } });

  it('continues the flow it is first in, finishes the one it ends, and counts each stage once, however often it is sent', async () => {
    const forwards = await start('forwards');
    const repeats = await Promise.all([
      stage(forwards, 'm.login.terms'),
      stage(forwards, 'm.login.terms'),
      stage(forwards, 'm.login.terms'),
    ]);
    for (const answer of repeats) expect(answer).toMatchObject({ status: 401, body: { completed: ['m.login.terms'] } });
    expect(await stage(forwards, 'm.login.dummy')).toMatchObject({ status: 200, body: { user_id: '@forwards:localhost' } });

    expect((await operator(h, `${TOKENS}/new`, { body: { token: 'both-ways', uses_allowed: 1 } })).status).toBe(200);
    const backwards = await start('backwards');
    const token = { auth: { session: backwards, type: 'm.login.registration_token', token: 'both-ways' } };
    expect((await h.post(REGISTER, token)).body.completed).toEqual(['m.login.registration_token']);
    const finals = await Promise.all([stage(backwards, 'm.login.terms'), stage(backwards, 'm.login.terms')]);
    for (const answer of finals) expect(answer).toMatchObject({ status: 200, body: { user_id: '@backwards:localhost' } });
    expect(h.homeserver.listUsers()).toHaveLength(2);

    await h.countsSettled();
    const counts = (await operator(h, '/_front_door/admin/v1/counters')).body.total;
    expect(counts).toMatchObject({
      started: 2,
      completed: 2,
      passed: { 'm.login.terms': 2, 'm.login.dummy': 1, 'm.login.registration_token': 1 },
    });
  });
});
