/**
 * What the front door counts (docs/metrics.md): each event becomes a CloudWatch metric (EMF) and raises the
 * sign-up counters in the tenant table. Recording never fails and never waits: the adapter collects a
 * request's events and writes them once, after the answer is computed. A session stored, a stage recorded
 * and an account made are counted in the table from its stream instead (the funnel counter).
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
}

export const noMetrics: Metrics = { record: () => undefined };
