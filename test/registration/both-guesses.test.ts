/**
 * Issue 18: a stage that ends one flow and sits inside another is written without reading the session
 * (uia/unread-stage.ts): one way when this process saw the session last (uia/session-hints.ts), else both ways at
 * once. Exactly one write lands, the answer is the one the usual path gives, and the stage is counted once; a
 * process whose view is stale (another instance moved the session) still answers right, a round trip later.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { silentLogger } from '../../functions/model/log.js';
import { send } from '../support/client.js';
import { type Harness, REGISTER } from '../support/harness.js';
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

  /** Another instance of the front door on the same table and homeserver, counting the session writes it sends. */
  function instance(): { app: Hono; sessionWrites: () => number } {
    const db: DynamoDBClient = tableClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    let writes = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: { pk?: { S?: string } } }).Key?.pk?.S ?? '';
        if (context.commandName === 'UpdateItemCommand' && key.startsWith('session')) writes++;
        return next(args);
      },
      { step: 'initialize', name: 'countSessionWrites' },
    );
    const app = buildFrontDoor({ config: h.config, secrets: h.secrets, dynamo: db, clock: h.clock, log: silentLogger });
    return { app, sessionWrites: () => writes };
  }
  const on = (app: Hono) => ({
    start: async (username: string) =>
      (await send(app, REGISTER, { body: { username, password: 'correct horse battery' } })).body.session as string,
    stage: (session: string, auth: Record<string, unknown>) => send(app, REGISTER, { body: { auth: { session, ...auth } } }),
  });
  const newToken = async (harness: Harness, token: string) =>
    expect((await operator(harness, `${TOKENS}/new`, { body: { token, uses_allowed: 1 } })).status).toBe(200);

  it('is written one way by the process that saw the session, and both ways by one that did not', async () => {
    const a = instance();
    const b = instance();
    // Seen by a: its terms stage continues terms → dummy with one write.
    const seen = await on(a.app).start('seen-here');
    let before = a.sessionWrites();
    expect(await on(a.app).stage(seen, { type: 'm.login.terms' })).toMatchObject({ status: 401, body: { completed: ['m.login.terms'] } });
    expect(a.sessionWrites() - before).toBe(1);
    // Seen by a after its token: terms finishes token → terms with one write, the claim.
    await newToken(h, 'one-way');
    const finishing = await on(a.app).start('seen-finishing');
    await on(a.app).stage(finishing, { type: 'm.login.registration_token', token: 'one-way' });
    before = a.sessionWrites();
    const made = await on(a.app).stage(finishing, { type: 'm.login.terms' });
    expect(made).toMatchObject({ status: 200, body: { user_id: '@seen-finishing:localhost' } });
    // The claim, then the account's record: no second guess.
    expect(a.sessionWrites() - before).toBe(2);
    // Never seen by b: both ways at once, one of them lands.
    const elsewhere = await on(a.app).start('seen-elsewhere');
    before = b.sessionWrites();
    expect(await on(b.app).stage(elsewhere, { type: 'm.login.terms' })).toMatchObject({
      status: 401,
      body: { completed: ['m.login.terms'] },
    });
    expect(b.sessionWrites() - before).toBe(2);
    expect(await on(b.app).stage(elsewhere, { type: 'm.login.dummy' })).toMatchObject({
      status: 200,
      body: { user_id: '@seen-elsewhere:localhost' },
    });
  });

  it('answers as the session is, not as a stale view of it says', async () => {
    const a = instance();
    const b = instance();
    // a saw the session with no stage; b passed its token since. a's one write (continue) fails its condition,
    // and the usual path finishes the flow the token began.
    await newToken(h, 'stale-view');
    const moved = await on(a.app).start('moved-elsewhere');
    await on(b.app).stage(moved, { type: 'm.login.registration_token', token: 'stale-view' });
    const made = await on(a.app).stage(moved, { type: 'm.login.terms' });
    expect(made).toMatchObject({ status: 200, body: { user_id: '@moved-elsewhere:localhost' } });
    expect(h.homeserver.listUsers().filter((u) => u.name === '@moved-elsewhere:localhost')).toHaveLength(1);
    // A repeat on either instance replays the account, never a second one.
    for (const app of [a.app, b.app]) {
      expect(await on(app).stage(moved, { type: 'm.login.terms' })).toMatchObject({
        status: 200,
        body: { user_id: '@moved-elsewhere:localhost' },
      });
    }
  });
});
