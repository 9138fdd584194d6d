/**
 * The table's stream read on this machine (npm start, the tests), as Lambda reads it for the funnel counter: a
 * small poller over DynamoDB Local's Streams API (DescribeStream, GetShardIterator, GetRecords) that reads every
 * shard, follows the shards that replace closed ones, and hands each batch, in Lambda's record shape, to the
 * same consumer the Lambda entry uses. A batch answered with a failure is read again from the record it names.
 * `settled()` resolves once every record written before the call is handed over and counted.
 */
import {
  DynamoDBStreamsClient,
  type DynamoDBStreamsClientConfig,
  DescribeStreamCommand,
  ExpiredIteratorException,
  TrimmedDataAccessException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamRecord } from '../functions/adapters/dynamodb/abandoned-sessions.js';

/** What the reader hands records to: the funnel counter (compose/funnel-counter.ts). */
export type StreamConsumer = (records: readonly StreamRecord[]) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface StreamReaderOptions {
  streamArn: string;
  /** Endpoint, region and credentials of the DynamoDB whose stream it is. */
  aws: DynamoDBStreamsClientConfig;
  consume: StreamConsumer;
  /** How long the reader waits after a read that found nothing (default 250 ms). */
  idleMs?: number;
  /**
   * false: no reading in the background, only when `settled()` is called (the tests: a poll per harness kept
   * DynamoDB Local busy for the whole run). Default true (npm start's live counts).
   */
  poll?: boolean;
  /** Told of a batch that failed or a read that threw (npm start logs it). */
  warn?: (what: string, error?: unknown) => void;
}

export interface StreamReader {
  /** Resolves once every record written before this call is counted; rejects after `timeoutMs` (default 10 s). */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Lambda's batch size for the funnel counter (infra/funnel-counter.ts). */
const BATCH = 100;

interface ShardState {
  parent?: string;
  iterator?: string;
  /** The last record handed over and counted: where a fresh iterator starts after it. */
  after?: string;
  /** Read again from this record (a batch answered with it as its failure). */
  from?: string;
  closed: boolean;
}

/** The shards known, and whether to ask for new ones (at the start, and once one closed). */
interface Shards {
  byId: Map<string, ShardState>;
  discover: boolean;
}

export function startStreamReader(options: StreamReaderOptions): StreamReader {
  const client = new DynamoDBStreamsClient(options.aws);
  const shards: Shards = { byId: new Map(), discover: true };
  const idleMs = options.idleMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One read at a time: the background loop and `settled()` take turns.
  let turn: Promise<unknown> = Promise.resolve();
  const readOnce = () => {
    const next = turn.then(() => readRound(client, options, shards));
    turn = next.catch(() => undefined);
    return next;
  };
  const loop = async () => {
    if (stopped) return;
    const handed = await readOnce().catch((error) => {
      options.warn?.('stream_not_read', error);
      return 0;
    });
    if (!stopped) timer = setTimeout(() => void loop(), handed > 0 ? 0 : idleMs);
    timer?.unref();
  };
  if (options.poll !== false) void loop();
  return {
    settled: (timeoutMs = 10_000) => settle(readOnce, timeoutMs),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await turn;
      client.destroy();
    },
  };
}

/**
 * One read of every open shard: how many records were handed over (a batch read again counts too; a shard
 * that closed counts one, so that its children are read before the stream is called settled).
 */
async function readRound(client: DynamoDBStreamsClient, options: StreamReaderOptions, shards: Shards): Promise<number> {
  if (shards.discover) await discover(client, options.streamArn, shards.byId);
  shards.discover = false;
  let handed = 0;
  for (const [shardId, shard] of shards.byId) {
    // A child shard is read once its parent is read to its end, so records stay in order per item.
    if (shard.closed || (shard.parent && shards.byId.get(shard.parent)?.closed === false)) continue;
    handed += await readShard(client, options, shardId, shard);
    if (shard.closed) {
      shards.discover = true;
      handed++;
    }
  }
  return handed;
}

/** Reads until a round finds nothing: records are readable as soon as their write is answered. */
async function settle(readOnce: () => Promise<number>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let last: unknown; ; ) {
    const handed = await readOnce().catch((error: unknown) => {
      last = error;
      return -1;
    });
    if (handed === 0) return;
    if (Date.now() > until) throw new Error(`the table's stream was not all counted within ${timeoutMs} ms`, { cause: last });
  }
}

/** Every record the stream holds now, in Lambda's shape, shard by shard (tests feed them to a consumer). */
export async function recordsSoFar(aws: DynamoDBStreamsClientConfig, streamArn: string): Promise<StreamRecord[]> {
  const client = new DynamoDBStreamsClient(aws);
  try {
    const shards = new Map<string, ShardState>();
    await discover(client, streamArn, shards);
    const records: StreamRecord[] = [];
    for (const [shardId, shard] of shards) {
      let iterator: string | undefined = await iteratorOf(client, streamArn, shardId, shard);
      while (iterator) {
        const out = await getRecords(client, iterator);
        if (!out.Records?.length) break;
        records.push(...out.Records.map((record) => lambdaShape(record, streamArn)));
        iterator = out.NextShardIterator;
      }
    }
    return records;
  } finally {
    client.destroy();
  }
}

/** Learns the stream's shards (new ones appear when DynamoDB closes an old one). */
async function discover(client: DynamoDBStreamsClient, streamArn: string, shards: Map<string, ShardState>): Promise<void> {
  let start: string | undefined;
  do {
    const out = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
    for (const shard of out.StreamDescription?.Shards ?? []) {
      if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, { parent: shard.ParentShardId, closed: false });
    }
    start = out.StreamDescription?.LastEvaluatedShardId;
  } while (start);
}

async function readShard(client: DynamoDBStreamsClient, options: StreamReaderOptions, shardId: string, shard: ShardState): Promise<number> {
  shard.iterator ??= await iteratorOf(client, options.streamArn, shardId, shard);
  let out: Awaited<ReturnType<typeof getRecords>>;
  try {
    out = await getRecords(client, shard.iterator);
  } catch (error) {
    if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
    // A new iterator from where this reader was, read at once. DynamoDB Local moves a shard's oldest record past
    // an iterator taken before a transaction that did not apply (it drops that transaction's records): nothing lost.
    shard.iterator = await iteratorOf(client, options.streamArn, shardId, shard);
    out = await getRecords(client, shard.iterator);
  }
  const records = (out.Records ?? []).map((record) => lambdaShape(record, options.streamArn));
  if (records.length > 0) {
    const answer = await options.consume(records);
    const failed = answer.batchItemFailures[0]?.itemIdentifier;
    if (failed) {
      options.warn?.('stream_batch_failed');
      // As Lambda: the batch again from the record named.
      shard.from = failed;
      shard.iterator = undefined;
      return records.length;
    }
    shard.after = records.at(-1)?.dynamodb?.SequenceNumber;
  }
  shard.iterator = out.NextShardIterator;
  // No next iterator: the shard is closed and read to its end; its children come next.
  if (!shard.iterator) shard.closed = true;
  return records.length;
}

const getRecords = (client: DynamoDBStreamsClient, iterator: string) =>
  client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: BATCH }));

async function iteratorOf(client: DynamoDBStreamsClient, streamArn: string, shardId: string, shard: ShardState): Promise<string> {
  const [type, at]: [ShardIteratorType, string | undefined] = shard.from
    ? ['AT_SEQUENCE_NUMBER', shard.from]
    : shard.after
      ? ['AFTER_SEQUENCE_NUMBER', shard.after]
      : ['TRIM_HORIZON', undefined];
  shard.from = undefined;
  const iterator = (type: ShardIteratorType, at?: string) =>
    client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: at }));
  // A position older than the shard's oldest record reads from that record on.
  const out = await iterator(type, at).catch((error: unknown) => {
    if (error instanceof TrimmedDataAccessException && at !== undefined) return iterator('TRIM_HORIZON');
    throw error;
  });
  if (!out.ShardIterator) throw new Error(`no iterator for shard ${shardId}`);
  return out.ShardIterator;
}

/** A Streams API record as Lambda delivers it: its time in epoch seconds, the stream named. */
function lambdaShape(record: StreamApiRecord, streamArn: string): StreamRecord {
  const { ApproximateCreationDateTime: when, NewImage, OldImage, ...rest } = record.dynamodb ?? {};
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as StreamRecord['dynamodb']),
      ...(NewImage ? { NewImage: repaired(NewImage) } : {}),
      ...(OldImage ? { OldImage: repaired(OldImage) } : {}),
      ...(when ? { ApproximateCreationDateTime: Math.floor(new Date(when).getTime() / 1000) } : {}),
    },
  } as StreamRecord;
}

type Value = Record<string, unknown>;

/**
 * The Streams client (3.1141) reads an empty map (`{"M":{}}`, a new session's `stages`) as `{}`, which no
 * AttributeValue is; Lambda delivers `{"M":{}}`. Put back, inside maps and lists too.
 */
function repaired(image: Record<string, unknown>): Record<string, Value> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repairedValue(value as Value)]));
}

function repairedValue(value: Value): Value {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: repaired(value.M as Record<string, unknown>) };
  if (Array.isArray(value.L)) return { L: (value.L as Value[]).map(repairedValue) };
  return value;
}
