/**
 * The block floor in a process of its own (see side-process.ts), as the throughput load client runs: the
 * pairs/s that throughput is divided by then come from a client that, like the load client, shares no event
 * loop with what it measures. DynamoDB Local's address comes from the environment the bench set; the client is
 * the front door's own (over its table transport), so the floor is what the same calls cost it.
 */
import { measureFloor } from './floor.js';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';

export interface FloorOrder {
  table: string;
  concurrency: number;
  count: number;
  maxMs: number;
}

const order = JSON.parse(process.argv[2]!) as FloorOrder;
const db = tableClient();
const run = await measureFloor(db, order.table, order.concurrency, order.count, order.maxMs);
db.destroy();
process.stdout.write(`${JSON.stringify(run)}\n`, () => process.exit(0));
