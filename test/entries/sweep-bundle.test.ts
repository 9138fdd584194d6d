/**
 * The sweep's Lambda bundle as the stack builds it, cold-started with only what its function is granted:
 * the table and the events webhook's secret. The schedule's invocation delivers a due event; a tenant whose
 * sign-ups may wait needs the encryption key too, and its cold start says so when it is missing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox-store.js';
import { createTenantTable } from '../../local/create-table.js';
import { type EventReceiver, startEventReceiver } from '../../local/event-receiver/index.js';
import { WEBHOOK_SECRET } from '../records/support.js';
import { bundleEntry, coldStart, stackConfig } from './lambda-stand-ins.js';

/** Secrets a test process may have in its environment; the sweep must not lean on any it is not granted. */
const noSecrets = Object.fromEntries(
  ['REGISTRATION_SHARED_SECRET', 'HOMESERVER_ADMIN_TOKEN', 'FRONT_DOOR_OPERATOR_KEY', 'FRONT_DOOR_ENCRYPTION_KEY'].map((n) => [
    n,
    undefined,
  ]),
);
/** What the schedule sends; the sweep reads none of it. */
const scheduledEvent = { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };

describe('the sweep bundle', () => {
  let bundle: string;
  let receiver: EventReceiver;
  let tableName: string;
  const saved = { ...process.env };
  const config = (extra: Record<string, unknown> = {}) =>
    stackConfig({
      serverName: 'example.org',
      homeserver: { url: 'http://127.0.0.1:9', mode: 'shared_secret' },
      registration: { flows: [['m.login.dummy']] },
      events: { webhook: { url: receiver.webhookUrl, timeoutMs: 2000 } },
      ...extra,
    });

  beforeAll(async () => {
    bundle = await bundleEntry('sweep', mkdtempSync(join(tmpdir(), 'sweep-bundle-')));
    receiver = await startEventReceiver({ webhookSecret: WEBHOOK_SECRET });
    tableName = `sweep-bundle-${randomBytes(4).toString('hex')}`;
    await createTenantTable(new DynamoDBClient({}), tableName);
  }, 90_000);
  afterAll(async () => {
    process.env = saved;
    await receiver?.stop();
  });

  it('delivers a due event to the webhook, signed, with nothing but the table and the webhook secret', async () => {
    const event = { id: 'signup.completed:bundle-1', type: 'signup.completed', occurredAt: Date.now(), facts: { localpart: 'bundled' } };
    await new DynamoOutbox(new DynamoDBClient({}), tableName).add(
      { key: `event:webhook:${event.id}`, kind: 'event:webhook', body: event },
      Date.now() - 1000,
      60_000,
    );
    const handler = await coldStart(
      bundle,
      { ...noSecrets, ...config(), TABLE_NAME: tableName, FRONT_DOOR_EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET },
      'events',
    );
    expect(await handler(scheduledEvent, {})).toEqual({ done: 1, pending: 0, expired: 0 });
    const arrived = receiver.events().filter((e) => e.id === event.id);
    expect(arrived.map((e) => [e.via, e.type, e.signatureValid])).toEqual([['webhook', 'signup.completed', true]]);
    expect(await handler(scheduledEvent, {})).toEqual({ done: 0, pending: 0, expired: 0 });
  });

  it('fails its cold start, by name, when sign-ups may wait and the encryption key is not there', async () => {
    const env = {
      ...noSecrets,
      ...config({ approval: { when: { always: true } } }),
      TABLE_NAME: tableName,
      FRONT_DOOR_EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    await expect(coldStart(bundle, env, 'no-key')).rejects.toThrow(/FRONT_DOOR_ENCRYPTION_KEY/);
    const handler = await coldStart(bundle, { ...env, FRONT_DOOR_ENCRYPTION_KEY: randomBytes(32).toString('base64') }, 'with-key');
    expect(await handler(scheduledEvent, {})).toMatchObject({ expired: 0 });
  });
});
