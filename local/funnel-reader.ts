/**
 * The funnel counter on this machine (npm start, the test harness): the tenant table's stream read by the
 * local stream reader and handed to the same consumer the Lambda entry uses (compose/funnel-counter.ts), on a
 * DynamoDB client of its own (a test's faults on the front door's client do not reach it).
 */
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClientConfig } from '@aws-sdk/client-dynamodb-streams';
import { tableClient } from '../functions/adapters/dynamodb/table-client.js';
import { buildFunnelCounter } from '../functions/compose/funnel-counter.js';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import type { Logger } from '../functions/model/log.js';
import type { Clock } from '../functions/ports/clock.js';
import { FUNNEL_STREAM_VIEW } from './create-table.js';
import { startStreamReader, type StreamReader } from './stream-reader.js';

export interface FunnelReaderOptions {
  config: TenantConfig;
  /** Endpoint, region and credentials of the table's DynamoDB. */
  aws: DynamoDBStreamsClientConfig & { endpoint: string };
  clock?: Clock;
  log: Logger;
  /** Where its EMF lines (SignupAbandoned) go; nowhere unless given. */
  writeEmf?: (line: string) => void;
  idleMs?: number;
  /** false: the stream is read only when `settled()` is called (see stream-reader.ts). */
  poll?: boolean;
}

export async function startFunnelReader(options: FunnelReaderOptions): Promise<StreamReader> {
  const dynamo = tableClient(options.aws);
  try {
    const streamArn = await funnelStreamOf(dynamo, options.config.tableName);
    const consume = buildFunnelCounter({
      config: options.config,
      dynamo,
      tenant: options.config.tableName,
      clock: options.clock,
      log: options.log,
      writeEmf: options.writeEmf ?? (() => undefined),
    });
    const reader = startStreamReader({
      streamArn,
      aws: options.aws,
      consume,
      idleMs: options.idleMs,
      poll: options.poll,
      warn: (what, error) => options.log.warn(what, error ? { name: (error as Error).name } : {}),
    });
    return {
      settled: (timeoutMs) => reader.settled(timeoutMs),
      stop: async () => {
        await reader.stop();
        dynamo.destroy();
      },
    };
  } catch (error) {
    dynamo.destroy();
    throw error;
  }
}

/**
 * The table's stream ARN, with the view the funnel counter reads. A table made before it had one (a DynamoDB
 * Local kept running, AWS_ENDPOINT_URL_DYNAMODB) gets it: DynamoDB changes a view only by a new stream.
 */
async function funnelStreamOf(db: DynamoDBClient, table: string): Promise<string> {
  const described = (await db.send(new DescribeTableCommand({ TableName: table }))).Table;
  const spec = described?.StreamSpecification;
  if (spec?.StreamEnabled && spec.StreamViewType === FUNNEL_STREAM_VIEW && described?.LatestStreamArn) return described.LatestStreamArn;
  if (spec?.StreamEnabled) await db.send(new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }));
  const updated = await db.send(
    new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: FUNNEL_STREAM_VIEW } }),
  );
  const arn = updated.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`table ${table} has no stream`);
  return arn;
}
