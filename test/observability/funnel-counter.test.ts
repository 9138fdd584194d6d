/**
 * The funnel counted from the table's stream (issue 18): sign-ups started, stages passed and accounts made are
 * counted by the stream consumer, off the request path, exactly once however Lambda delivers the records. The
 * records are real: read from the harness table's stream on DynamoDB Local. Where a test delivers them itself,
 * it counts into a table of its own, so the harness's own reader (counting the harness table) is no party to it.
 */
import { randomBytes } from 'node:crypto';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  TransactionConflictException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../functions/adapters/dynamodb/abandoned-sessions.js';
import { DynamoSignupCounters } from '../../functions/adapters/dynamodb/signup-counters.js';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { buildFunnelCounter } from '../../functions/compose/funnel-counter.js';
import { createTenantTable } from '../../local/create-table.js';
import { recordsSoFar } from '../../local/stream-reader.js';
import { operator, OPERATOR_KEY } from '../gating/support.js';
import { ADMIN_TOKEN, REGISTER, registerThroughTermsAndDummy, startHarness, type Harness } from '../support/harness.js';
import { finishFlow, REQUESTS, requestOf } from '../approval/support.js';

const TERMS = 'm.login.terms';
const DUMMY = 'm.login.dummy';
const aws = () => ({
  endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!,
  region: process.env.AWS_REGION ?? 'local',
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' },
});

async function funnelOf(h: Harness) {
  await h.countsSettled();
  return (await operator(h, '/_front_door/admin/v1/counters')).body.total;
}

/** The harness's own funnel, as `totals()` of a scratch table reads. */
async function harnessTotals(h: Harness) {
  const funnel = await funnelOf(h);
  return { started: funnel.started, completed: funnel.completed, terms: funnel.passed[TERMS], dummy: funnel.passed[DUMMY] };
}

/** Every record of the harness table's stream so far. */
async function streamOf(h: Harness): Promise<StreamRecord[]> {
  const table = (await h.db.send(new DescribeTableCommand({ TableName: h.config.tableName }))).Table!;
  return recordsSoFar(aws(), table.LatestStreamArn!);
}

/** A consumer counting into a fresh table of its own; `dynamo` to inject faults. */
async function scratchCounter(h: Harness) {
  const tableName = `funnel-${randomBytes(5).toString('hex')}`;
  await createTenantTable(h.db, tableName);
  const config = { ...h.config, tableName };
  const counter = (dynamo: DynamoDBClient = h.db) =>
    buildFunnelCounter({ config, dynamo, tenant: 'acme', clock: h.clock, writeEmf: () => undefined });
  const totals = async () => {
    const hours = await new DynamoSignupCounters(h.db, tableName).read({
      from: h.clock.now() - 86_400_000,
      until: h.clock.now() + 3_600_000,
    });
    return {
      started: hours.reduce((n, hour) => n + hour.started, 0),
      completed: hours.reduce((n, hour) => n + hour.completed, 0),
      terms: hours.reduce((n, hour) => n + (hour.passed[TERMS] ?? 0), 0),
      dummy: hours.reduce((n, hour) => n + (hour.passed[DUMMY] ?? 0), 0),
    };
  };
  return { counter, totals, tableName };
}

/** A client whose `failing`-th TransactWriteItems is refused (a throttle), every other call passed on. */
function failingTransaction(db: DynamoDBClient, failing: number): DynamoDBClient {
  let transactions = 0;
  return {
    send: (command: unknown) => {
      if (command instanceof TransactWriteItemsCommand && ++transactions === failing) {
        return Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
      }
      return db.send(command as never);
    },
  } as unknown as DynamoDBClient;
}

/** The records from the one named on (Lambda's redelivery after a partial batch failure). */
const from = (records: StreamRecord[], sequence: string) =>
  records.slice(records.findIndex((r) => r.dynamodb?.SequenceNumber === sequence));

describe('the funnel counted from the table stream', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ counts: true, secrets: { operatorKey: OPERATOR_KEY } });
  });
  afterAll(() => h?.close());

  it('counts a sign-up’s start, each of its stages and its account once each, and marks each step', async () => {
    const done = await registerThroughTermsAndDummy(h, 'streamed');
    expect(done.status).toBe(200);
    expect(await funnelOf(h)).toMatchObject({ started: 1, completed: 1, passed: { [TERMS]: 1, [DUMMY]: 1 } });
    const session = (await h.items()).find((item) => item.username === 'streamed' && item.status === 'done')!;
    const id = String(session.pk).slice('session#'.length);
    const marks = (await h.items()).filter((item) => item.pk === `funnel#${id}`).map((item) => item.sk);
    expect(marks.sort()).toEqual(['completed', `passed#${DUMMY}`, `passed#${TERMS}`, 'started']);
  });

  it('takes back the start of a session whose name the homeserver refused', async () => {
    const before = (await funnelOf(h)).started;
    // Taken on the homeserver only: the table holds nothing for the name, so the first call stores its session.
    const made = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/@elsewhere:localhost`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'another long passphrase' }),
    });
    expect(made.status).toBe(201);
    const refused = await h.post(REGISTER, { username: 'elsewhere', password: 'correct horse battery' });
    expect(refused.body.errcode).toBe('M_USER_IN_USE');
    expect((await funnelOf(h)).started).toBe(before);
    // It was stored (and so seen by the stream), then taken back.
    const steps = (await streamOf(h)).filter((r) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.username?.S === 'elsewhere');
    expect(steps.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
  });

  it('takes back the start of a session whose name another session holds, and keeps no such session', async () => {
    const holder = await h.post(REGISTER, { username: 'heldhere', password: 'correct horse battery' });
    expect(holder.status).toBe(401);
    const before = (await funnelOf(h)).started;
    // The session and the name's hold are written beside each other: the hold loses, the session is deleted.
    const refused = await h.post(REGISTER, { username: 'heldhere', password: 'another long passphrase' });
    expect(refused.body.errcode).toBe('M_USER_IN_USE');
    expect((await funnelOf(h)).started).toBe(before);
    const sessions = (await h.items()).filter((item) => String(item.pk).startsWith('session#') && item.username === 'heldhere');
    expect(sessions.map((item) => item.pk)).toEqual([`session#${holder.body.session}`]);
    const steps = (await streamOf(h)).filter((r) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.username?.S === 'heldhere');
    expect(steps.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT', 'REMOVE']);
  });

  it('counts a batch delivered twice once, and the same record twice in one batch once', async () => {
    await registerThroughTermsAndDummy(h, 'twice');
    const records = await streamOf(h);
    const { counter, totals } = await scratchCounter(h);
    const count = counter();
    expect(await count([...records, ...records])).toEqual({ batchItemFailures: [] });
    const once = await totals();
    expect(await count(records)).toEqual({ batchItemFailures: [] });
    expect(await totals()).toEqual(once);
    // Every sign-up so far in this file, each step once.
    expect(once).toEqual(await harnessTotals(h));
  });

  it('counts a batch that failed part-way once, delivered again from the record it named or whole', async () => {
    // Enough steps for two transactions (100 items each): 30 sign-ups of four steps.
    for (let i = 0; i < 30; i++) expect((await registerThroughTermsAndDummy(h, `many${i}`)).status).toBe(200);
    const records = await streamOf(h);
    const { counter, totals } = await scratchCounter(h);
    const answer = await counter(failingTransaction(h.db, 2))(records);
    expect(answer.batchItemFailures).toHaveLength(1);
    const partly = await totals();
    const whole = await harnessTotals(h);
    const sum = (t: typeof whole) => t.started + t.terms + t.dummy + t.completed;
    expect(partly.started).toBeGreaterThan(0);
    expect(sum(partly)).toBeLessThan(sum(whole));
    const again = from(records, answer.batchItemFailures[0]!.itemIdentifier);
    expect(again.length).toBeLessThan(records.length);
    expect(await counter()(again)).toEqual({ batchItemFailures: [] });
    expect(await totals()).toEqual(whole);
    // The whole batch once more: every mark is there, nothing is added.
    expect(await counter()(records)).toEqual({ batchItemFailures: [] });
    expect(await totals()).toEqual(whole);
  });

  it('counts a batch two consumers race for once', async () => {
    const records = await streamOf(h);
    const { counter, totals } = await scratchCounter(h);
    const second = tableClient(aws());
    try {
      const answers = await Promise.all([counter()(records), counter(second)(records)]);
      // A consumer that lost to the other's transaction too often is delivered its batch again, as Lambda would.
      for (const answer of answers) {
        const failed = answer.batchItemFailures[0]?.itemIdentifier;
        if (failed) expect(await counter()(from(records, failed))).toEqual({ batchItemFailures: [] });
      }
    } finally {
      second.destroy();
    }
    expect(await totals()).toEqual(await harnessTotals(h));
  });

  it('writes a request’s own count that met the funnel counter’s transaction on the hour item on a later try', async () => {
    const { tableName } = await scratchCounter(h);
    let refused = 0;
    const meetsTransaction = {
      send: (command: unknown) => {
        if (command instanceof UpdateItemCommand && refused++ === 0) {
          return Promise.reject(new TransactionConflictException({ message: 'a transaction holds the item', $metadata: {} }));
        }
        return h.db.send(command as never);
      },
    } as unknown as DynamoDBClient;
    await new DynamoSignupCounters(meetsTransaction, tableName).add({ mailSent: 1 }, h.clock.now());
    expect(refused).toBe(2);
    const hours = await new DynamoSignupCounters(h.db, tableName).read({
      from: h.clock.now() - 3_600_000,
      until: h.clock.now() + 3_600_000,
    });
    expect(hours.reduce((n, hour) => n + hour.mailSent, 0)).toBe(1);
  });

  it('counts nothing for records of other items, or of session changes that decide no step', async () => {
    const records = await streamOf(h);
    const { counter, totals } = await scratchCounter(h);
    const decideNothing = records.filter(
      (r) => !String(r.dynamodb?.Keys?.pk?.S).startsWith('session#') || (r.eventName === 'MODIFY' && !changesSteps(r)),
    );
    expect(decideNothing.length).toBeGreaterThan(0);
    expect(await counter()(decideNothing)).toEqual({ batchItemFailures: [] });
    expect(await totals()).toEqual({ started: 0, completed: 0, terms: 0, dummy: 0 });
  });
});

/** A MODIFY that adds a stage or makes the session done. */
function changesSteps(record: StreamRecord): boolean {
  const { NewImage: after, OldImage: before } = record.dynamodb ?? {};
  const stages = (image?: typeof after) => Object.keys(image?.stages?.M ?? {}).length;
  return stages(after) > stages(before) || (after?.status?.S === 'done' && before?.status?.S !== 'done');
}

describe('the funnel of a sign-up that waited for an operator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ counts: true, config: { approval: { when: { always: true } } }, secrets: { operatorKey: OPERATOR_KEY } });
  });
  afterAll(() => h?.close());

  it('counts its account once, when the approval made it, and not while it waited', async () => {
    const { final } = await finishFlow(h, 'approved');
    expect(final.body.errcode).toBe('M_USER_AWAITING_APPROVAL');
    expect(await funnelOf(h)).toMatchObject({ started: 1, completed: 0, passed: { [TERMS]: 1, [DUMMY]: 1 } });
    const request = await requestOf(h, 'approved');
    expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);
    // A second approval finds it made: nothing more is counted.
    expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);
    expect(await funnelOf(h)).toMatchObject({ started: 1, completed: 1, passed: { [TERMS]: 1, [DUMMY]: 1 } });
  });
});

describe('the funnel with `observability.counters` off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ counts: true, config: { observability: { counters: false } } });
  });
  afterAll(() => h?.close());

  it('keeps nothing in the table: no counts, no marks', async () => {
    expect((await registerThroughTermsAndDummy(h, 'uncounted')).status).toBe(200);
    await h.countsSettled();
    const kept = (await h.items()).filter((item) => item.pk === 'counters' || String(item.pk).startsWith('funnel#'));
    expect(kept).toEqual([]);
  });
});
