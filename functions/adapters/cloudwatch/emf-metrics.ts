/**
 * The `Metrics` port as CloudWatch EMF log lines plus the tenant table's hourly counters. Inside a request
 * the events are collected (model/request-context.ts) and written once by `flush`, after the answer is
 * computed; outside a request (the sweep, an operator's approval) they are written at once. The counts of a
 * session stored, a stage recorded and an account made are not written here: the funnel counter reads them
 * from the table's stream.
 */
import type { Logger } from '../../model/log.js';
import { tableCountsOf } from '../../model/metric-events.js';
import { currentRequest } from '../../model/request-context.js';
import { isEmptyCounts, type SignupCounts } from '../../model/signup-counts.js';
import type { Clock } from '../../ports/clock.js';
import type { MetricEvent, Metrics } from '../../ports/metrics.js';
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

  /**
   * Writes a batch of events: their EMF lines, then one counter update for what the table's stream does not
   * count (failures, sends, 429s; started, passed and completed come from the funnel counter). A failing
   * update is logged, never thrown.
   */
  async flush(events: readonly MetricEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const line of emfLines(events, this.deps.tenant, this.deps.clock.now())) this.deps.write(line);
    this.deps.onFlush?.(events);
    await this.add(tableCountsOf(events));
  }

  private async add(counts: SignupCounts): Promise<void> {
    if (!this.deps.counters || isEmptyCounts(counts)) return;
    await this.deps.counters
      .add(counts, this.deps.clock.now())
      .catch((error: Error) => this.deps.log.warn('counters_not_written', { name: error.name }));
  }
}
