/**
 * The block floor in a process of its own (see side-process.ts), as the throughput load client runs: the
 * pairs/s that throughput is divided by then come from a client that, like the load client, shares no event
 * loop with what it measures. DynamoDB Local's address comes from the environment the bench set.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { measureFloor } from './floor.js';

export interface FloorOrder {
  table: string;
  concurrency: number;
  count: number;
  maxMs: number;
}

const order = JSON.parse(process.argv[2]!) as FloorOrder;
const db = new DynamoDBClient({});
const run = await measureFloor(db, order.table, order.concurrency, order.count, order.maxMs);
db.destroy();
process.stdout.write(`${JSON.stringify(run)}\n`, () => process.exit(0));
