/**
 * Abandoned sign-ups (issue 17): the stream consumer, fed DynamoDB Streams records in the shape Lambda
 * delivers them (their old images are real session items of the harness's table), counts each session the
 * TTL deleted unfinished once, in the hour it expired, in the table's counters and as EMF.
 */
import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../functions/adapters/dynamodb/abandoned-sessions.js';
import { DynamoSignupCounters } from '../../functions/adapters/dynamodb/signup-counters.js';
import { buildFunnelCounter } from '../../functions/compose/funnel-counter.js';
import { hourOf } from '../../functions/model/signup-counts.js';
import { REGISTER, registerThroughTermsAndDummy, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let sequence = 100;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** A session's item as the table holds it (DynamoDB JSON, as in a stream image). */
async function sessionItem(id: string): Promise<Record<string, AttributeValue>> {
  const out = await h.db.send(new GetItemCommand({ TableName: h.config.tableName, Key: marshall({ pk: `session#${id}`, sk: 'session' }) }));
  return out.Item!;
}

/** A new sign-up left after its first call (status open). */
async function openSession(username: string): Promise<Record<string, AttributeValue>> {
  const first = await h.post(REGISTER, { username, password: 'correct horse battery' });
  expect(first.status).toBe(401);
  return sessionItem(first.body.session);
}

const TTL_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

/** A REMOVE record as Lambda delivers a DynamoDB Streams event (StreamViewType OLD_IMAGE). */
function removed(image: Record<string, AttributeValue>, userIdentity: StreamRecord['userIdentity'] | null = TTL_IDENTITY) {
  sequence++;
  return {
    eventID: `e${sequence}`,
    eventName: 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-central-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_764_500_000,
      Keys: { pk: image.pk!, sk: image.sk! },
      OldImage: image,
      SequenceNumber: `4000000000000${sequence}`,
      SizeBytes: 420,
      StreamViewType: 'OLD_IMAGE',
    },
    ...(userIdentity ? { userIdentity } : {}),
    eventSourceARN: 'arn:aws:dynamodb:eu-central-1:111122223333:table/sessions/stream/2026-11-30T00:00:00.000',
  };
}

function counter(dynamo: DynamoDBClient = h.db) {
  const lines: string[] = [];
  const count = buildFunnelCounter({ config: h.config, dynamo, tenant: 'acme', clock: h.clock, writeEmf: (line) => lines.push(line) });
  return { count, lines };
}

const abandonedIn = async (expiresAt: number) => {
  const hours = await new DynamoSignupCounters(h.db, h.config.tableName).read({
    from: hourOf(expiresAt),
    until: hourOf(expiresAt) + 3_600_000,
  });
  return hours.reduce((n, hour) => n + hour.abandoned, 0);
};
const expiryOf = (image: Record<string, AttributeValue>) => Number(image.expiresAt!.N);

describe('abandoned sign-ups (the table stream consumer)', () => {
  it('counts an unfinished session the TTL deleted, in the hour it expired, in the counters and as EMF', async () => {
    const image = await openSession('leftbehind');
    const before = await abandonedIn(expiryOf(image));
    const { count, lines } = counter();
    expect(await count([removed(image)])).toEqual({ batchItemFailures: [] });
    expect(await abandonedIn(expiryOf(image))).toBe(before + 1);
    const emf = lines.map((line) => JSON.parse(line));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ Tenant: 'acme', SignupAbandoned: 1 });
  });

  it('counts a session once however often its record is delivered: the second delivery loses', async () => {
    const image = await openSession('twicedelivered');
    const before = await abandonedIn(expiryOf(image));
    const record = removed(image);
    const { count, lines } = counter();
    await count([record, record]);
    await count([record]);
    expect(await abandonedIn(expiryOf(image))).toBe(before + 1);
    expect(lines.map((line) => JSON.parse(line).SignupAbandoned)).toEqual([1]);
  });

  it('does not count a completed session, one waiting for approval (the sweep counts those), a deletion by anyone but the TTL, or another item', async () => {
    const done = await registerThroughTermsAndDummy(h, 'completedone');
    expect(done.status).toBe(200);
    const items = await h.items();
    const completed = items.find((i) => String(i.pk).startsWith('session#') && i.status === 'done');
    expect(completed).toBeDefined();
    const completedImage = await sessionItem(String(completed!.pk).slice('session#'.length));
    const open = await openSession('waitsforoperator');
    const pending = { ...open, status: { S: 'pending' } };
    const validation = marshall({ pk: 'threepid#abc', sk: 'validation', ttl: 1 });
    const before = await abandonedIn(expiryOf(open));
    const { count, lines } = counter();
    const answer = await count([
      removed(completedImage),
      removed(pending),
      // The sweep deletes the session of a request it closes, as a user: no userIdentity on the record.
      removed(open, null),
      removed(open, { type: 'Service', principalId: 'someone.amazonaws.com' }),
      removed(validation),
      { ...removed(open), eventName: 'MODIFY' },
    ]);
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(await abandonedIn(expiryOf(open))).toBe(before);
    expect(lines).toEqual([]);
  });

  it('names the record that could not be counted, so Lambda delivers it (and the rest of the batch) again', async () => {
    const counted = await openSession('countedfirst');
    const failing = await openSession('failsonce');
    const records = [removed(counted), removed(failing)];
    let calls = 0;
    // A fault injected on the second write: the table refuses it once.
    const flaky = {
      send: (command: unknown) => {
        calls++;
        if (calls === 2) return Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
        return h.db.send(command as never);
      },
    } as unknown as DynamoDBClient;
    const { count, lines } = counter(flaky);
    // Both expire in the same hour.
    const before = await abandonedIn(expiryOf(failing));
    expect(await count(records)).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]!.dynamodb.SequenceNumber }] });
    expect(lines.map((line) => JSON.parse(line).SignupAbandoned)).toEqual([1]);
    // Lambda's redelivery from the named record on: the first is not counted again, the second is now.
    await counter().count([records[1]!]);
    expect(await abandonedIn(expiryOf(failing))).toBe(before + 2);
  });
});
