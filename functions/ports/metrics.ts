/**
 * What the front door counts (docs/metrics.md): each event becomes a CloudWatch metric (EMF) and raises the
 * sign-up counters in the tenant table. Recording never fails and never waits: the adapter collects a
 * request's events and writes them once, after the answer is computed, except the expected ones, whose
 * counter writes run beside the request's own.
 */
export type MetricEvent =
  | { metric: 'SignupStarted' }
  | { metric: 'StagePassed'; stage: string }
  /** `reason`: an errcode (a short fixed vocabulary), never a message. */
  | { metric: 'StageFailed'; stage: string; reason: string }
  | { metric: 'SignupCompleted' }
  /** Sessions that expired unfinished, counted by the sweep. */
  | { metric: 'SignupAbandoned'; count: number }
  | { metric: 'MailSent' }
  | { metric: 'SmsSent'; spendUsd: number }
  | { metric: 'RateLimited' }
  | { metric: 'HomeserverCall'; ms: number; failed: boolean }
  | { metric: 'CreationRetries' };

export interface Metrics {
  record(event: MetricEvent): void;
  /**
   * An event a write about to start decides (a session stored, a stage recorded, an account made): its
   * counter write starts now, beside that write, instead of after the answer. `keep` once the write won
   * (the event is then recorded as by `record`); `undo` when it lost, which takes the count back. The counts of
   * events recorded before it in the same request go with it.
   */
  expect(event: MetricEvent): ExpectedEvent;
}

export interface ExpectedEvent {
  keep(): void;
  undo(): void;
}

const nothing: ExpectedEvent = { keep: () => undefined, undo: () => undefined };

export const noMetrics: Metrics = { record: () => undefined, expect: () => nothing };

/** For a failed write's `.catch`: takes the count it was to decide back, and passes the failure on. */
export function undoing(expected?: ExpectedEvent): (error: unknown) => never {
  return (error) => {
    expected?.undo();
    throw error;
  };
}
