/**
 * The funnel counter: invoked by the tenant table's stream (filtered to session items stored or changed, and
 * sessions deleted unfinished). It holds no secret and may only raise the counters and write their marks
 * (infra/table-access.ts).
 */
import { buildFunnelCounter } from '../compose/funnel-counter.js';
import type { StreamRecord } from '../adapters/dynamodb/abandoned-sessions.js';
import { dynamoClient, tenantConfig } from './cold-start.js';

const config = await tenantConfig(process.env);
const count = buildFunnelCounter({
  config,
  dynamo: dynamoClient(),
  tenant: process.env.FRONT_DOOR_TENANT ?? config.tableName,
  writeEmf: (line) => process.stdout.write(`${line}\n`),
});

/** A DynamoDB Streams batch; with ReportBatchItemFailures, Lambda delivers again from the record named. */
export const handler = async (event: { Records?: StreamRecord[] }) => count(event.Records ?? []);
