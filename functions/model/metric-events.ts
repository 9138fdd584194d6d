/** Metric events as sign-up counts: what one request adds to the tenant table's hourly counters. */
import type { MetricEvent } from '../ports/metrics.js';
import { addCounts, emptyCounts, type SignupCounts } from './signup-counts.js';

/**
 * The events whose table counts come from the table's stream (compose/funnel-counter.ts), not from the request
 * that decided them: each is a change of the session item, so counting it there costs the request nothing.
 */
const COUNTED_FROM_STREAM: ReadonlySet<MetricEvent['metric']> = new Set(['SignupStarted', 'StagePassed', 'SignupCompleted']);

/** What a request (or the sweep) adds to the table's counters itself: its events less those the stream counts. */
export function tableCountsOf(events: readonly MetricEvent[]): SignupCounts {
  return countsOf(events.filter((event) => !COUNTED_FROM_STREAM.has(event.metric)));
}

/** The counts of a batch of events (homeserver latency is a metric only: there is nothing to count). */
export function countsOf(events: readonly MetricEvent[]): SignupCounts {
  const counts = emptyCounts();
  for (const event of events) addCounts(counts, countOf(event));
  return counts;
}

function countOf(event: MetricEvent): Partial<SignupCounts> {
  switch (event.metric) {
    case 'SignupStarted':
      return { started: 1 };
    case 'StagePassed':
      return { passed: { [event.stage]: 1 } };
    case 'StageFailed':
      return { failed: { [event.stage]: { [event.reason]: 1 } } };
    case 'SignupCompleted':
      return { completed: 1 };
    case 'SignupAbandoned':
      return { abandoned: event.count };
    case 'MailSent':
      return { mailSent: 1 };
    case 'SmsSent':
      return { smsSent: 1, smsSpendUsd: event.spendUsd };
    case 'RateLimited':
      return { rateLimited: 1 };
    case 'HomeserverCall':
      return event.failed ? { homeserverErrors: 1 } : {};
    case 'CreationRetries':
      return { creationRetries: 1 };
  }
}
