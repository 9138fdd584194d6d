/**
 * `npm start`'s `/metrics`: the sign-up funnel from the table's hourly counters, as Prometheus text
 * (exposition format 0.0.4), so an operator sees what the CloudWatch dashboard will show before deploying.
 * Served by the local server only; the Lambdas publish the same figures as CloudWatch EMF instead.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { signupCountersFor } from '../functions/compose/observability.js';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { emptyCounts, HOUR_MS, type SignupCounts, sumCounts } from '../functions/model/signup-counts.js';

export const METRICS_PATH = '/metrics';
const PREFIX = 'matrix_front_door';

type Scalar = Exclude<keyof SignupCounts, 'passed' | 'failed'>;
/** Each plain count: its name (after the prefix, before `_total`) and its help text. */
const SCALARS: [Scalar, string, string][] = [
  ['started', 'signups_started', 'Sign-ups started (new UIA sessions).'],
  ['completed', 'signups_completed', 'Accounts created.'],
  ['abandoned', 'signups_abandoned', 'Sessions that expired unfinished.'],
  ['mailSent', 'mails_sent', 'Verification and notice mails sent.'],
  ['smsSent', 'sms_sent', 'SMS sent.'],
  ['smsSpendUsd', 'sms_spend_usd', 'Estimated SMS spend in US dollars.'],
  ['rateLimited', 'rate_limited', 'Requests refused with 429 M_LIMIT_EXCEEDED.'],
  ['homeserverErrors', 'homeserver_errors', 'Homeserver calls that failed.'],
  ['creationRetries', 'creation_retries', 'Account creations retried.'],
];

/** A label value as the text format wants it: backslash, double quote and newline escaped. */
const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function counter(name: string, help: string, samples: [labels: string, value: number][]): string[] {
  return [
    `# HELP ${PREFIX}_${name}_total ${help}`,
    `# TYPE ${PREFIX}_${name}_total counter`,
    ...samples.map(([l, v]) => `${PREFIX}_${name}_total${l} ${v}`),
  ];
}

/** The counts as Prometheus text: every scalar always present, stages as labelled samples (stage, reason). */
export function metricsText(counts: SignupCounts): string {
  const lines = SCALARS.flatMap(([field, name, help]) => counter(name, help, [['', counts[field]]]));
  const passed = Object.entries(counts.passed).map(([stage, n]): [string, number] => [`{stage="${label(stage)}"}`, n]);
  const failed = Object.entries(counts.failed).flatMap(([stage, reasons]) =>
    Object.entries(reasons).map(([reason, n]): [string, number] => [`{stage="${label(stage)}",reason="${label(reason)}"}`, n]),
  );
  lines.push(...counter('stage_passed', 'UIA stages passed, by stage type.', passed));
  lines.push(...counter('stage_failed', 'UIA stages refused, by stage type and errcode.', failed));
  return `${lines.join('\n')}\n`;
}

/** Every hour the table counted, summed: the table's counters are kept ~400 days, and npm start's table is new. */
export async function currentCounts(parts: { config: TenantConfig; dynamo: DynamoDBClient }, now = Date.now()): Promise<SignupCounts> {
  return sumCounts(await signupCountersFor(parts).read({ from: 0, until: now + HOUR_MS }));
}

/** The local server's app: `/metrics`, and everything else to the front door. */
export function withMetricsPage(frontDoor: Hono, parts: { config: TenantConfig; dynamo: DynamoDBClient }): Hono {
  const outer = new Hono();
  outer.get(METRICS_PATH, async (c) =>
    c.body(metricsText(await currentCounts(parts)), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );
  outer.all('*', (c) => frontDoor.fetch(c.req.raw, c.env));
  return outer;
}

/** One line of the funnel: `started 3 → m.login.terms 3 → … → completed 2 · failed 1 · mails 1 · SMS 0 ($0.00) · 429s 0`. */
export function summaryLine(counts: SignupCounts, flows: readonly (readonly string[])[]): string {
  const stages = [...new Set(flows.flat())].filter((stage) => counts.passed[stage]);
  const failed = Object.values(counts.failed).reduce((sum, reasons) => sum + Object.values(reasons).reduce((a, b) => a + b, 0), 0);
  return [
    [`started ${counts.started}`, ...stages.map((stage) => `${stage} ${counts.passed[stage]}`), `completed ${counts.completed}`].join(
      ' → ',
    ),
    `failed ${failed}`,
    `mails ${counts.mailSent}`,
    `SMS ${counts.smsSent} ($${counts.smsSpendUsd.toFixed(2)})`,
    `429s ${counts.rateLimited}`,
  ].join(' · ');
}

/** Prints the funnel every `seconds` when it changed since the last print; returns the stopper. */
export function startLocalSummary(
  parts: { config: TenantConfig; dynamo: DynamoDBClient },
  seconds: number,
  print: (line: string) => void,
): () => void {
  if (seconds <= 0) return () => undefined;
  // Nothing counted is the baseline: nothing is printed until something was.
  let last = summaryLine(emptyCounts(), parts.config.registration.flows);
  const tick = async () => {
    const line = summaryLine(await currentCounts(parts), parts.config.registration.flows);
    if (line !== last) print(`funnel  ${line}`);
    last = line;
  };
  void tick().catch(() => undefined);
  const timer = setInterval(() => void tick().catch(() => undefined), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
