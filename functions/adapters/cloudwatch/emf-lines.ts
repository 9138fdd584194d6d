/**
 * CloudWatch embedded metric format, by hand: a batch of metric events as JSON log lines, each with the
 * `_aws` metadata CloudWatch Logs turns into metrics (one line per set of dimension values).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
import { METRICS_NAMESPACE, Metric, REASON_DIMENSION, STAGE_DIMENSION, TENANT_DIMENSION } from '../../model/metric-names.js';
import type { MetricEvent } from '../../ports/metrics.js';

type Unit = 'Count' | 'Milliseconds' | 'None';
/** One EMF document's metrics: name → unit and the values (summed counts, or every latency for percentiles). */
type Values = Map<string, { unit: Unit; values: number[] }>;

const add = (into: Values, name: string, unit: Unit, value: number, keepEach = false) => {
  const entry = into.get(name) ?? { unit, values: [] };
  if (keepEach || entry.values.length === 0) entry.values.push(value);
  else entry.values[0]! += value;
  into.set(name, entry);
};

/** The Tenant-only metrics of one event; undefined for the per-stage ones. */
function tenantMetric(event: MetricEvent, into: Values): boolean {
  switch (event.metric) {
    case 'SignupStarted':
    case 'SignupCompleted':
    case 'MailSent':
    case 'RateLimited':
    case 'CreationRetries':
      add(into, Metric[event.metric], 'Count', 1);
      return true;
    case 'SignupAbandoned':
      add(into, Metric.SignupAbandoned, 'Count', event.count);
      return true;
    case 'SmsSent':
      add(into, Metric.SmsSent, 'Count', 1);
      add(into, Metric.SmsSpendEstimateUsd, 'None', event.spendUsd);
      return true;
    case 'HomeserverCall':
      add(into, Metric.HomeserverLatencyMs, 'Milliseconds', Math.round(event.ms), true);
      if (event.failed) add(into, Metric.HomeserverErrors, 'Count', 1);
      return true;
    default:
      return false;
  }
}

function document(at: number, dimensions: Record<string, string>, values: Values): string {
  const metrics = [...values].map(([Name, { unit }]) => ({ Name, Unit: unit }));
  const fields = Object.fromEntries([...values].map(([name, { values: v }]) => [name, v.length === 1 ? v[0] : v]));
  return JSON.stringify({
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: metrics }],
    },
    ...dimensions,
    ...fields,
  });
}

/** The EMF lines of a batch: the tenant's counts in one line, then one line per stage and per stage and reason. */
export function emfLines(events: readonly MetricEvent[], tenant: string, at: number): string[] {
  const tenantValues: Values = new Map();
  const perStage = new Map<string, Values>();
  const perReason = new Map<string, { stage: string; reason: string; values: Values }>();
  for (const event of events) {
    if (tenantMetric(event, tenantValues)) continue;
    if (event.metric === 'StagePassed') {
      const values = perStage.get(event.stage) ?? new Map();
      add(values, Metric.StagePassed, 'Count', 1);
      perStage.set(event.stage, values);
    } else if (event.metric === 'StageFailed') {
      const key = `${event.stage}\n${event.reason}`;
      const entry = perReason.get(key) ?? { stage: event.stage, reason: event.reason, values: new Map() };
      add(entry.values, Metric.StageFailed, 'Count', 1);
      perReason.set(key, entry);
    }
  }
  const lines: string[] = [];
  if (tenantValues.size > 0) lines.push(document(at, { [TENANT_DIMENSION]: tenant }, tenantValues));
  for (const [stage, values] of perStage) lines.push(document(at, { [TENANT_DIMENSION]: tenant, [STAGE_DIMENSION]: stage }, values));
  for (const { stage, reason, values } of perReason.values())
    lines.push(document(at, { [TENANT_DIMENSION]: tenant, [STAGE_DIMENSION]: stage, [REASON_DIMENSION]: reason }, values));
  return lines;
}
