/**
 * Whole registrations (terms + dummy) per second at a given concurrency, every one required to succeed, from a
 * load client in a process of its own; and the front door's own CPU per registration (its process does nothing else).
 */
import { dynamoDelta, homeserverDelta } from './counting.js';
import type { LoadOrder, LoadResult } from './load-process.js';
import { startSideProcess } from './side-process.js';
import type { Rig } from './stand-ins.js';

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
  /** CPU time (user + system) of the front door's process per successful registration, ms. */
  frontDoorCpuMsEach: number;
}

/** Registrations by `concurrency` workers until `maxCount` are done or `maxMs` has passed (a loaded machine). */
export async function measureThroughput(rig: Rig, concurrency: number, maxCount: number, maxMs: number): Promise<ThroughputRun> {
  const d0 = rig.dynamoCount.snapshot();
  const h0 = rig.homeserverCount.snapshot();
  const cpu0 = process.cpuUsage();
  const order: LoadOrder = { url: rig.url, concurrency, maxCount, maxMs };
  const load = await startSideProcess<LoadResult>('./load-process.ts', order);
  await load.stop();
  const cpu = process.cpuUsage(cpu0);
  const { registrations, errors, firstError, wallMs } = load.first;
  const d = dynamoDelta(rig.dynamoCount.snapshot(), d0);
  const h = homeserverDelta(rig.homeserverCount.snapshot(), h0);
  const ok = Math.max(1, registrations - errors);
  const each = (x: number) => Math.round((x / ok) * 100) / 100;
  return {
    concurrency,
    registrations,
    errors,
    firstError,
    perSecond: ((registrations - errors) / wallMs) * 1000,
    dynamoCallsEach: each(d.attempts),
    homeserverCallsEach: each(h.calls),
    homeserverWritesEach: each(h.byKind.write ?? 0),
    frontDoorCpuMsEach: each((cpu.user + cpu.system) / 1000),
  };
}
