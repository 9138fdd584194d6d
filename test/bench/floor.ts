/**
 * The floor: what one UIA step must cost the store at least, measured with the SDK directly. A consistent
 * GetItem, then a conditional UpdateItem (ALL_NEW) on an item shaped like a registration session.
 */
import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { latency, runPool, type Latency } from './stats.js';

export interface FloorRun {
  /** 'block': pairs back to back; 'interleaved': pairs taken between the request rounds, under the same load. */
  mode: 'block' | 'interleaved';
  concurrency: number;
  pair: Latency;
  pairsPerSecond: number;
  /**
   * Block runs: the CPU its process spent per pair (two calls through the front door's own table client). What
   * the SDK and node:http cost a DynamoDB call at least, beside the front door's CPU per sign-up.
   */
  cpuMsPerPair?: number;
}

const keyOf = (worker: number) => ({ pk: `session#benchfloor${worker}`, sk: 'session' });

async function seed(db: DynamoDBClient, table: string, workers: number): Promise<void> {
  const now = Date.now();
  for (let w = 0; w < workers; w++) {
    await db.send(new PutItemCommand({ TableName: table, Item: marshall({ ...keyOf(w), ...seedFields(now, w) }) }));
  }
}

/** A session's usual fields and size: an identity, a sealed password, the device request. */
function seedFields(now: number, worker: number) {
  return {
    createdAt: now,
    expiresAt: now + 3_600_000,
    status: 'open',
    stages: {},
    username: `floor${worker}`,
    sealedPassword: 'x'.repeat(96),
    device: { inhibitLogin: false, refreshToken: false },
    version: 0,
    ttl: Math.ceil(now / 1000) + 3600,
  };
}

async function pair(db: DynamoDBClient, table: string, worker: number): Promise<void> {
  const Key = marshall(keyOf(worker));
  const got = await db.send(new GetItemCommand({ TableName: table, Key, ConsistentRead: true }));
  const version = Number(got.Item?.version?.N ?? -1);
  await db.send(
    new UpdateItemCommand({
      TableName: table,
      Key,
      UpdateExpression: 'SET stages.#stage = :record, version = :next',
      ConditionExpression: '#expiresAt > :now AND #status = :open AND version = :seen',
      ExpressionAttributeNames: { '#stage': 'm.login.terms', '#expiresAt': 'expiresAt', '#status': 'status' },
      ExpressionAttributeValues: marshall({
        ':record': { at: Date.now() },
        ':next': version + 1,
        ':now': Date.now(),
        ':open': 'open',
        ':seen': version,
      }),
      ReturnValues: 'ALL_NEW',
    }),
  );
}

/**
 * Up to `count` pairs (or until `maxMs` has passed) with `concurrency` workers, each on an item of its
 * own: no contention, as for real sessions.
 */
export async function measureFloor(
  db: DynamoDBClient,
  table: string,
  concurrency: number,
  count: number,
  maxMs = Infinity,
): Promise<FloorRun> {
  await seed(db, table, concurrency);
  for (let w = 0; w < concurrency; w++) await pair(db, table, w); // warm
  const samples: number[] = [];
  const busy = new Set<number>();
  const deadline = performance.now() + maxMs;
  const cpuAtStart = process.cpuUsage();
  const wall = await runPool(count, concurrency, async () => {
    if (performance.now() > deadline) return;
    let worker = 0;
    while (busy.has(worker)) worker++;
    busy.add(worker);
    const started = performance.now();
    await pair(db, table, worker);
    samples.push(performance.now() - started);
    busy.delete(worker);
  });
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    mode: 'block',
    concurrency,
    pair: latency(samples),
    pairsPerSecond: (samples.length / wall) * 1000,
    cpuMsPerPair: (cpu.user + cpu.system) / 1000 / samples.length,
  };
}

/** One timed pair on an item of its own, for sampling the floor between other measurements. */
export async function floorSampler(db: DynamoDBClient, table: string): Promise<() => Promise<number>> {
  const worker = 1000;
  const Key = keyOf(worker);
  await db.send(new PutItemCommand({ TableName: table, Item: marshall({ ...Key, ...seedFields(Date.now(), worker) }) }));
  return async () => {
    const started = performance.now();
    await pair(db, table, worker);
    return performance.now() - started;
  };
}
