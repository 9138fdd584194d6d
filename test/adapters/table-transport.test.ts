/**
 * The table client's own HTTP transport (adapters/aws/http-handler.ts): real calls against DynamoDB
 * Local, and the failures the SDK must still see as before, injected by loopback servers that stall or cut
 * the connection.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { AwsHttpHandler } from '../../functions/adapters/aws/http-handler.js';
import { createTenantTable } from '../../local/create-table.js';

const TableName = `transport-${randomBytes(4).toString('hex')}`;
const db = tableClient();
const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'item' } });

beforeAll(() => createTenantTable(db, TableName));
afterAll(() => db.destroy());

describe('the table transport against DynamoDB Local', () => {
  it('writes, reads back and updates an item', async () => {
    await db.send(new PutItemCommand({ TableName, Item: { ...key('a'), n: { N: '1' }, text: { S: 'héllo ✓' } } }));
    const read = await db.send(new GetItemCommand({ TableName, Key: key('a'), ConsistentRead: true }));
    expect(read.Item?.text?.S).toBe('héllo ✓');
    const updated = await db.send(
      new UpdateItemCommand({
        TableName,
        Key: key('a'),
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes?.n?.N).toBe('2');
    expect(updated.$metadata.httpStatusCode).toBe(200);
  });

  it('raises a failed condition as the SDK´s own error, with the item it returned', async () => {
    await db.send(new PutItemCommand({ TableName, Item: { ...key('b'), owner: { S: 'first' } } }));
    const second = db.send(
      new PutItemCommand({
        TableName,
        Item: { ...key('b'), owner: { S: 'second' } },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    const error = await second.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item?.owner?.S).toBe('first');
    expect((error as ConditionalCheckFailedException).$metadata.httpStatusCode).toBe(400);
  });

  it('raises a cancelled transaction with its reasons', async () => {
    await db.send(new PutItemCommand({ TableName, Item: key('c') }));
    const error = await db
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName, Item: key('c'), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName, Item: key('d') } },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
  });

  it('carries many calls at once over its kept-alive sockets', async () => {
    const writes = Array.from({ length: 40 }, () =>
      db.send(
        new UpdateItemCommand({
          TableName,
          Key: key('many'),
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      ),
    );
    await Promise.all(writes);
    const read = await db.send(new GetItemCommand({ TableName, Key: key('many'), ConsistentRead: true }));
    expect(read.Item?.n?.N).toBe('40');
  });
});

/** A loopback server that does `onConnection` to each socket; counts the connections. */
async function faultServer(
  onConnection: (socket: Socket, nth: number) => void,
): Promise<{ server: Server; url: string; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    onConnection(socket, count);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => count };
}

const get = new GetItemCommand({ TableName, Key: key('a') });

describe('the table transport when the connection fails', () => {
  it('gives up on a stalled answer after its deadline, as a TimeoutError the SDK retries', async () => {
    const sockets: Socket[] = [];
    const stalled = await faultServer((socket) => sockets.push(socket));
    const client = tableClient({ endpoint: stalled.url, requestHandler: new AwsHttpHandler({ attemptTimeoutMs: 150 }), maxAttempts: 2 });
    try {
      const error = await client.send(get).catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
      // The SDK tried again after the first deadline: the transport's failure is one it treats as transient.
      expect(stalled.connections()).toBe(2);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      stalled.server.close();
    }
  });

  /** The first connection is spoilt by `spoil`; later ones are passed on to DynamoDB Local. The read then succeeds. */
  async function readsThroughAfter(spoil: (socket: Socket) => void): Promise<number> {
    const target = new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
    const flaky = await faultServer((socket, nth) => {
      if (nth === 1) return spoil(socket);
      const upstream = connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    const client = tableClient({ endpoint: flaky.url, maxAttempts: 3 });
    try {
      const read = await client.send(new GetItemCommand({ TableName, Key: key('a'), ConsistentRead: true }));
      expect(read.Item?.text?.S).toBe('héllo ✓');
      return flaky.connections();
    } finally {
      client.destroy();
      flaky.server.close();
    }
  }

  it('lets the SDK retry a connection cut before the answer, and the retry succeeds', async () => {
    expect(await readsThroughAfter((socket) => socket.destroy())).toBe(2);
  });

  it('lets the SDK retry an answer cut off in its body, and the retry succeeds', async () => {
    const cutInTheBody = (socket: Socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 200\r\n\r\n{"Item":');
        socket.destroy();
      });
    expect(await readsThroughAfter(cutInTheBody)).toBe(2);
  });

  it('stops when the caller aborts, without a retry', async () => {
    const sockets: Socket[] = [];
    const stalled = await faultServer((socket) => sockets.push(socket));
    const client = tableClient({ endpoint: stalled.url, maxAttempts: 3 });
    try {
      const abort = new AbortController();
      const sent = client.send(get, { abortSignal: abort.signal }).catch((e: unknown) => e);
      setTimeout(() => abort.abort(), 50);
      const error = (await sent) as Error;
      expect(error.name).toBe('AbortError');
      expect(stalled.connections()).toBe(1);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      stalled.server.close();
    }
  });
});

describe('the table client', () => {
  it('leaves out the logger and user-agent steps, and keeps signing and retrying', () => {
    const steps = tableClient().middlewareStack.identify().join('\n');
    expect(steps).not.toMatch(/loggerMiddleware|getUserAgentMiddleware/);
    expect(steps).toMatch(/httpSigningMiddleware/);
    expect(steps).toMatch(/retryMiddleware/);
  });
});
