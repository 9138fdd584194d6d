/** Whole registrations (terms + dummy) per second at a given concurrency; every one must succeed. */
import type { BenchClient } from './client.js';
import { dynamoDelta, homeserverDelta } from './counting.js';
import { termsAndDummy } from './flows.js';
import type { Rig } from './stand-ins.js';
import { runPool } from './stats.js';

export interface ThroughputRun {
  concurrency: number;
  registrations: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  /** Per successful registration, to show that load brings no retries. */
  dynamoCallsEach: number;
  homeserverCallsEach: number;
  homeserverWritesEach: number;
}

/** Registrations by `concurrency` workers until `maxCount` are done or `maxMs` has passed (a loaded machine). */
export async function measureThroughput(
  rig: Rig,
  client: BenchClient,
  concurrency: number,
  maxCount: number,
  maxMs: number,
): Promise<ThroughputRun> {
  const d0 = rig.dynamoCount.snapshot();
  const h0 = rig.homeserverCount.snapshot();
  let errors = 0;
  let count = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + maxMs;
  const wall = await runPool(maxCount, concurrency, async () => {
    if (performance.now() > deadline) return;
    count++;
    try {
      await termsAndDummy(client);
    } catch (error) {
      errors++;
      firstError ??= (error as Error).message;
    }
  });
  const d = dynamoDelta(rig.dynamoCount.snapshot(), d0);
  const h = homeserverDelta(rig.homeserverCount.snapshot(), h0);
  const ok = Math.max(1, count - errors);
  const each = (x: number) => Math.round((x / ok) * 100) / 100;
  return {
    concurrency,
    registrations: count,
    errors,
    firstError,
    perSecond: ((count - errors) / wall) * 1000,
    dynamoCallsEach: each(d.attempts),
    homeserverCallsEach: each(h.calls),
    homeserverWritesEach: each(h.byKind.write ?? 0),
  };
}
