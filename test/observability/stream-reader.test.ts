/**
 * The local stream reader (npm start, the harness) reads a table's stream on DynamoDB Local as Lambda does for
 * the funnel counter: batches in Lambda's record shape, a batch answered with a failure read again from the
 * record it names, and `settled()` bounded: it rejects rather than wait for ever on a batch that keeps failing.
 */
import { randomBytes } from 'node:crypto';
import { DescribeTableCommand, PutItemCommand, TransactWriteItemsCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../functions/adapters/dynamodb/abandoned-sessions.js';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { createTenantTable, FUNNEL_STREAM_VIEW } from '../../local/create-table.js';
import { startStreamReader, type StreamConsumer } from '../../local/stream-reader.js';

const aws = {
  endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!,
  region: process.env.AWS_REGION ?? 'local',
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' },
};
const db = tableClient(aws);
afterAll(() => db.destroy());

/** A fresh table with three items written: their pks in order, and the stream's ARN. */
async function tableWithThreeWrites(): Promise<{ streamArn: string; pks: string[] }> {
  const table = `reader-${randomBytes(5).toString('hex')}`;
  await createTenantTable(db, table);
  await db.send(
    new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: FUNNEL_STREAM_VIEW } }),
  );
  const pks = ['session#a', 'session#b', 'session#c'];
  for (const pk of pks)
    await db.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: 'session' }, stages: { M: {} } } }));
  const described = await db.send(new DescribeTableCommand({ TableName: table }));
  return { streamArn: described.Table!.LatestStreamArn!, pks };
}

const pkOf = (record: StreamRecord) => record.dynamodb?.Keys?.pk?.S;

/** A consumer that takes every batch, and the keys it was handed, in order. */
function collecting(): { seen: string[]; consume: StreamConsumer } {
  const seen: string[] = [];
  return {
    seen,
    consume: async (records) => {
      seen.push(...records.map((record) => pkOf(record)!));
      return { batchItemFailures: [] };
    },
  };
}

describe('the local stream reader', () => {
  let written: { streamArn: string; pks: string[] };
  beforeAll(async () => {
    written = await tableWithThreeWrites();
  });

  it('hands every record over in Lambda’s shape, and reads a failed batch again from the record it names', async () => {
    const batches: StreamRecord[][] = [];
    let failed = false;
    const consume: StreamConsumer = async (records) => {
      batches.push([...records]);
      const second = records[1]?.dynamodb?.SequenceNumber;
      if (failed || !second) return { batchItemFailures: [] };
      failed = true;
      return { batchItemFailures: [{ itemIdentifier: second }] };
    };
    const reader = startStreamReader({ streamArn: written.streamArn, aws, consume, idleMs: 5_000 });
    try {
      await reader.settled();
      expect(batches.map((batch) => batch.map(pkOf))).toEqual([written.pks, written.pks.slice(1)]);
      const first = batches[0]![0]!;
      expect(first).toMatchObject({ eventName: 'INSERT', eventSourceARN: written.streamArn });
      expect(typeof first.dynamodb?.ApproximateCreationDateTime).toBe('number');
      // An empty map comes as Lambda gives it (the Streams client alone would give `{}`).
      expect(first.dynamodb?.NewImage?.stages).toEqual({ M: {} });
    } finally {
      await reader.stop();
    }
  });

  it('gives up settling within its bound when a batch keeps failing', async () => {
    const consume: StreamConsumer = async (records) => ({ batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber! }] });
    const reader = startStreamReader({ streamArn: written.streamArn, aws, consume, idleMs: 5_000 });
    try {
      await expect(reader.settled(300)).rejects.toThrow(/not all counted within 300 ms/);
    } finally {
      await reader.stop();
    }
  });

  it('polling, counts what is written without being asked (npm start’s live counts)', async () => {
    const { seen, consume } = collecting();
    const reader = startStreamReader({ streamArn: written.streamArn, aws, consume, idleMs: 20 });
    try {
      for (let i = 0; i < 250 && seen.length < written.pks.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(written.pks);
    } finally {
      await reader.stop();
    }
  });

  it('not polling (the tests), reads nothing until settled() is called', async () => {
    const { seen, consume } = collecting();
    const reader = startStreamReader({ streamArn: written.streamArn, aws, consume, idleMs: 20, poll: false });
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([]);
      await reader.settled();
      expect(seen).toEqual(written.pks);
    } finally {
      await reader.stop();
    }
  });

  it("reads on past a transaction that did not apply (DynamoDB Local then drops the shard's oldest records)", async () => {
    const table = `reader-${randomBytes(5).toString('hex')}`;
    await createTenantTable(db, table);
    await db.send(
      new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: FUNNEL_STREAM_VIEW } }),
    );
    const streamArn = (await db.send(new DescribeTableCommand({ TableName: table }))).Table!.LatestStreamArn!;
    const put = (pk: string) => new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: 'session' }, stages: { M: {} } } });
    const { seen, consume } = collecting();
    const reader = startStreamReader({ streamArn, aws, consume, idleMs: 20, poll: false });
    try {
      // The reader's position is taken on the empty shard, as npm start's is.
      await reader.settled();
      // A first call's transaction whose counter is in another window: nothing of it is written.
      const cancelled = db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: { S: 'session#never' }, sk: { S: 'session' } } } },
            {
              ConditionCheck: {
                TableName: table,
                Key: { pk: { S: 'rate#x' }, sk: { S: 'counts' } },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      );
      await expect(cancelled).rejects.toThrow();
      await db.send(put('session#after1'));
      await db.send(put('session#after2'));
      await reader.settled();
      expect(seen).toEqual(['session#after1', 'session#after2']);
    } finally {
      await reader.stop();
    }
  });
});
