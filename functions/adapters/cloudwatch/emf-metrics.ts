/**
 * The `Metrics` port as CloudWatch EMF log lines plus the tenant table's hourly counters. Inside a request
 * the events are collected (model/request-context.ts) and written once by `flush`, after the answer is
 * computed, except the counts of expected events, which start beside the write that decides them; outside a
 * request (the sweep) they are written at once.
 */
import type { Logger } from '../../model/log.js';
import { countsOf } from '../../model/metric-events.js';
import { currentRequest } from '../../model/request-context.js';
import { isEmptyCounts, negatedCounts, type SignupCounts } from '../../model/signup-counts.js';
import type { Clock } from '../../ports/clock.js';
import type { ExpectedEvent, MetricEvent, Metrics } from '../../ports/metrics.js';
import type { SignupCounters } from '../../ports/signup-counters.js';
import { emfLines } from './emf-lines.js';

export interface EmfMetricsDeps {
  /** The `Tenant` dimension (FRONT_DOOR_TENANT). */
  tenant: string;
  clock: Clock;
  /** Where the EMF lines go: stdout in Lambda, which CloudWatch Logs reads. */
  write: (line: string) => void;
  /** The table's counters (the operator console's funnel); absent when `observability.counters` is off. */
  counters?: SignupCounters;
  log: Logger;
  /** Told every batch written (npm start's live summary). */
  onFlush?: (events: readonly MetricEvent[]) => void;
}

export class EmfMetrics implements Metrics {
  constructor(private readonly deps: EmfMetricsDeps) {}

  record(event: MetricEvent): void {
    const request = currentRequest();
    if (request) request.events.push(event);
    else void this.flush([event]);
  }

  expect(event: MetricEvent): ExpectedEvent {
    const request = currentRequest();
    // Outside a request (the sweep, an operator's approval) nothing waits for an answer: written when kept.
    if (!request) return { keep: () => this.record(event), undo: () => undefined };
    // The request's events not counted yet go in the same write (a stage passed, in the call that then makes the account).
    const carried = request.events.filter((recorded) => !request.counted.has(recorded));
    for (const recorded of carried) request.counted.add(recorded);
    const counts = countsOf([event]);
    request.pending.push(this.add(countsOf([...carried, event])));
    return {
      // Its line is written with the request's others; its count is already on its way.
      keep: () => {
        request.events.push(event);
        request.counted.add(event);
      },
      undo: () => void request.pending.push(this.add(negatedCounts(counts))),
    };
  }

  /**
   * Writes a request's events: their EMF lines, then one counter update for those not counted yet, and
   * waits for the counter writes the request started itself. A failing update is logged, never thrown.
   */
  async flush(events: readonly MetricEvent[]): Promise<void> {
    const request = currentRequest();
    const writes = request?.pending.splice(0) ?? [];
    if (events.length > 0) {
      for (const line of emfLines(events, this.deps.tenant, this.deps.clock.now())) this.deps.write(line);
      this.deps.onFlush?.(events);
      const counts = countsOf(events.filter((event) => !request?.counted.has(event)));
      if (!isEmptyCounts(counts)) writes.push(this.add(counts));
    }
    await Promise.all(writes);
  }

  private async add(counts: SignupCounts): Promise<void> {
    if (!this.deps.counters || isEmptyCounts(counts)) return;
    await this.deps.counters
      .add(counts, this.deps.clock.now())
      .catch((error: Error) => this.deps.log.warn('counters_not_written', { name: error.name }));
  }
}
