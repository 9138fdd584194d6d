/** The throughput load client in a process of its own (see side-process.ts): whole sign-ups, then one JSON line. */
import { BenchClient } from './client.js';
import { termsAndDummy } from './flows.js';
import { runPool } from './stats.js';

export interface LoadOrder {
  url: string;
  concurrency: number;
  maxCount: number;
  maxMs: number;
}

export interface LoadResult {
  registrations: number;
  errors: number;
  firstError?: string;
  wallMs: number;
}

const order = JSON.parse(process.argv[2]!) as LoadOrder;
const client = new BenchClient(order.url);
const result: LoadResult = { registrations: 0, errors: 0, wallMs: 0 };
const deadline = performance.now() + order.maxMs;
result.wallMs = await runPool(order.maxCount, order.concurrency, async () => {
  if (performance.now() > deadline) return;
  result.registrations++;
  try {
    await termsAndDummy(client);
  } catch (error) {
    result.errors++;
    result.firstError ??= (error as Error).message;
  }
});
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
