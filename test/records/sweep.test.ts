/**
 * The sweep (what the schedule runs every minute in AWS, and a timer in `npm start`): it delivers the
 * events whose try failed once their back-off has passed, and closes sign-up requests past their deadline
 * without anyone listing them; a sweep that cannot reach the table fails loudly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSweep } from '../../functions/compose/sweep.js';
import { type EventReceiver, startEventReceiver } from '../../local/event-receiver/index.js';
import { finishFlow, OPERATOR_KEY, requestOf, sealedPasswords } from '../approval/support.js';
import { type Harness, startHarness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { WEBHOOK_SECRET } from './support.js';

const DAY_MS = 24 * 3600 * 1000;
const quiet = { info() {}, warn() {}, error() {} };

describe('the sweep', () => {
  let h: Harness;
  let receiver: EventReceiver;
  const clock = new TestClock();
  const sweepOf = (harness: Harness) =>
    buildSweep({ config: harness.config, dynamo: harness.db, clock, log: quiet, secrets: harness.secrets });
  beforeAll(async () => {
    receiver = await startEventReceiver({ webhookSecret: WEBHOOK_SECRET });
    h = await startHarness({
      clock,
      mode: 'shared_secret',
      config: {
        events: { webhook: { url: receiver.webhookUrl, timeoutMs: 2000 } },
        approval: { when: { unlessEmailIn: ['example.org'] }, deadlineSeconds: 24 * 3600 },
      },
      secrets: { operatorKey: OPERATOR_KEY, eventsWebhookSecret: WEBHOOK_SECRET },
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
  });

  it('delivers an event whose first try failed once its back-off has passed, and only then', async () => {
    receiver.injectFault({ on: 'webhook', kind: 'down' });
    // A decision is an event too: this sign-up waits (no address at example.org), which emits signup.pending.
    await finishFlow(h, 'sweepevent');
    const arrived = () => receiver.events().filter((e) => (e.payload.data as { localpart?: string })?.localpart === 'sweepevent');
    expect(arrived()).toEqual([]);
    const sweep = sweepOf(h);
    expect(await sweep()).toMatchObject({ done: 0, expired: 0 });
    clock.advance(31_000);
    expect(await sweep()).toMatchObject({ done: 1 });
    expect(arrived().map((e) => [e.type, e.signatureValid])).toEqual([['signup.pending', true]]);
    // Delivered and gone: the next sweep has nothing to do.
    expect(await sweep()).toEqual({ done: 0, pending: 0, expired: 0 });
  });

  it('closes a request past its deadline: its sealed password is gone and the name is free, with no operator', async () => {
    await finishFlow(h, 'sweeplate');
    expect(await sealedPasswords(h, 'sweeplate')).toHaveLength(1);
    const request = await requestOf(h, 'sweeplate');
    const sweep = sweepOf(h);
    expect((await sweep()).expired).toBe(0);
    clock.advance(DAY_MS + 1);
    // With the first test's request, which is past its deadline too.
    expect((await sweep()).expired).toBe(2);
    expect(await sealedPasswords(h, 'sweeplate')).toEqual([]);
    expect((await h.items()).find((i) => i.pk === 'approval' && i.sk === request.id)?.state).toBe('expired');
    expect((await h.get('/_matrix/client/v3/register/available?username=sweeplate')).body).toEqual({ available: true });
    // Two sweeps at once close it once (the second finds nothing due).
    expect((await Promise.all([sweep(), sweep()])).map((r) => r.expired)).toEqual([0, 0]);
  });

  it('rejects when the table cannot be reached, so the function fails and its alarm fires', async () => {
    const broken = { ...h.config, tableName: 'no-such-table' };
    const sweep = buildSweep({ config: broken, dynamo: h.db, clock, log: quiet, secrets: h.secrets });
    await expect(sweep()).rejects.toThrow('sweep: expiry and outbox failed');
  });
});
