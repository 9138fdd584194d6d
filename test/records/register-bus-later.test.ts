/**
 * The register function bundles no EventBridge client (issue 18: a smaller bundle and cold start): a
 * sign-up it completes signs and sends its webhook delivery at once and keeps the bus delivery in the
 * outbox, untried, until the sweep (every minute in AWS) puts it on the bus. Nothing is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegisterApi } from '../../functions/compose/build.js';
import { buildSweep } from '../../functions/compose/sweep.js';
import { type EventReceiver, startEventReceiver } from '../../local/event-receiver/index.js';
import { send } from '../support/client.js';
import { type Harness, registerThroughTermsAndDummy, startHarness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { WEBHOOK_SECRET } from './support.js';

const quiet = { info() {}, warn() {}, error() {} };

describe('sign-up events of the register function', () => {
  let h: Harness;
  let receiver: EventReceiver;
  const clock = new TestClock();
  beforeAll(async () => {
    receiver = await startEventReceiver({ webhookSecret: WEBHOOK_SECRET });
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = receiver.url;
    h = await startHarness({
      clock,
      mode: 'shared_secret',
      config: { events: { eventBridge: { busName: 'tenant-bus' }, webhook: { url: receiver.webhookUrl, timeoutMs: 2000 } } },
      secrets: { eventsWebhookSecret: WEBHOOK_SECRET },
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
    delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
  });

  it('sends the webhook at once and leaves the bus to the sweep, which puts the same event there once', async () => {
    const register = buildRegisterApi({ config: h.config, secrets: h.secrets, dynamo: h.db, clock, log: quiet });
    // The same flow as the harness's, through the register function's own app.
    const viaRegister = { ...h, post: (path: string, body: unknown) => send(register, path, { body }) } as Harness;
    expect((await registerThroughTermsAndDummy(viaRegister, 'busperson')).status).toBe(200);

    // The bus carries the facts in its detail; the webhook under `data`.
    const localpart = (e: { payload: { localpart?: unknown; data?: unknown } }) =>
      e.payload.localpart ?? (e.payload.data as { localpart?: string } | undefined)?.localpart;
    const mine = () => receiver.events().filter((e) => localpart(e) === 'busperson');
    expect(mine().map((e) => e.via)).toEqual(['webhook']);
    // Kept for the sweep, and not counted as a failed try (no back-off: the next sweep takes it).
    const kept = (await h.items()).filter((i) => i.kind === 'event:eventbridge');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ attempts: 0 });
    expect(String(kept[0]!.key)).toMatch(/^event:eventbridge:signup\.completed:/);

    const sweep = buildSweep({ config: h.config, dynamo: h.db, clock, log: quiet, secrets: h.secrets });
    expect(await sweep()).toMatchObject({ done: 1 });
    const [hook, bus] = [mine().find((e) => e.via === 'webhook')!, mine().find((e) => e.via === 'eventbridge')!];
    expect(bus).toMatchObject({ type: 'signup.completed', bus: 'tenant-bus', id: hook.id });
    expect(await sweep()).toMatchObject({ done: 0, pending: 0 });
    expect(mine()).toHaveLength(2);
  });

  it('puts more than a page of waiting bus deliveries on the bus in one scheduled sweep', async () => {
    receiver.clear();
    const { recordsFor } = await import('../../functions/compose/records.js');
    // A part without the bus, as the register function: each event only waits in the outbox.
    const records = recordsFor({ config: h.config, dynamo: h.db, clock, log: quiet, secrets: h.secrets });
    const ids = Array.from({ length: 150 }, (_, i) => `signup.completed:many-${i}`);
    for (const id of ids)
      await records.events.emit({ id, type: 'signup.completed', occurredAt: clock.now(), facts: { localpart: 'many' } });
    const onBus = () => receiver.events().filter((e) => e.via === 'eventbridge' && ids.includes(e.id));
    expect(onBus()).toHaveLength(0);
    const sweep = buildSweep({ config: h.config, dynamo: h.db, clock, log: quiet, secrets: h.secrets });
    expect(await sweep()).toMatchObject({ done: 150, pending: 0 });
    expect(new Set(onBus().map((e) => e.id)).size).toBe(150);
  });
});
