/**
 * Wires observability for one process: the metrics (CloudWatch EMF and the table's sign-up counters), the
 * live switches read through their short cache, and the stores the operator API and console use. Built
 * once per table client, so every part of one process shares one switch cache and one metrics writer.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EmfMetrics } from '../adapters/cloudwatch/emf-metrics.js';
import { DynamoSignupCounters } from '../adapters/dynamodb/signup-counters.js';
import { DynamoSwitchStore } from '../adapters/dynamodb/switch-store.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { MetricsFlush } from '../http/middleware/access-log.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { MetricEvent, Metrics } from '../ports/metrics.js';
import type { SignupCounters } from '../ports/signup-counters.js';
import type { SwitchStore } from '../ports/switches.js';
import { CachedSwitches } from '../policy/live-switches.js';
import { smsPriceEstimate } from '../policy/sms-price.js';
import type { Hono } from 'hono';
import type { AuditLog } from '../ports/audit.js';
import { operatorSwitchRoutes } from '../http/routes/operator-switches.js';

export interface ObservabilityParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock?: Clock;
  log?: Logger;
}

export interface Observability {
  metrics: Metrics;
  /** What the access log calls with each request's events, once it is answered. */
  flush: MetricsFlush;
  switches: CachedSwitches;
  switchStore: SwitchStore;
  counters: SignupCounters;
  smsPriceUsd: (e164: string) => number;
}

/** Where EMF lines go: stdout in Lambda (CloudWatch Logs reads them); nowhere locally unless asked for. */
export interface ObservabilityOptions {
  writeEmf?: (line: string) => void;
  /** Told of every batch of events written (tests, a local summary). */
  onFlush?: (events: readonly MetricEvent[]) => void;
}

const built = new WeakMap<DynamoDBClient, Map<string, Observability>>();
const options = new WeakMap<DynamoDBClient, ObservabilityOptions>();

/** Set before the first build for a client: where its EMF lines go (a test's capture, say). */
export function configureObservability(dynamo: DynamoDBClient, chosen: ObservabilityOptions): void {
  options.set(dynamo, chosen);
  built.delete(dynamo);
}

export function signupCountersFor(parts: Pick<ObservabilityParts, 'config' | 'dynamo'>): SignupCounters {
  return new DynamoSignupCounters(parts.dynamo, parts.config.tableName);
}

export function switchStoreFor(parts: Pick<ObservabilityParts, 'config' | 'dynamo'>): SwitchStore {
  return new DynamoSwitchStore(parts.dynamo, parts.config.tableName);
}

export function observabilityFor(parts: ObservabilityParts): Observability {
  const byTable = built.get(parts.dynamo) ?? new Map<string, Observability>();
  built.set(parts.dynamo, byTable);
  const existing = byTable.get(parts.config.tableName);
  if (existing) return existing;
  const made = buildObservability(parts, options.get(parts.dynamo) ?? {});
  byTable.set(parts.config.tableName, made);
  return made;
}

function buildObservability(parts: ObservabilityParts, chosen: ObservabilityOptions): Observability {
  const { config } = parts;
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? jsonLogger();
  const counters = signupCountersFor(parts);
  const switchStore = switchStoreFor(parts);
  const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
  const write = chosen.writeEmf ?? (inLambda ? (line: string) => process.stdout.write(`${line}\n`) : () => undefined);
  const emf = new EmfMetrics({
    tenant: process.env.FRONT_DOOR_TENANT ?? config.tableName,
    clock,
    write,
    counters: config.observability.counters ? counters : undefined,
    log,
    onFlush: chosen.onFlush,
  });
  const switches = new CachedSwitches(switchStore, clock, undefined, (error) => log.warn('switches_not_read', { name: error.name }));
  const msisdn = config.threepid?.msisdn as { maxPriceUsd?: number } | undefined;
  return {
    metrics: emf,
    flush: (events) => emf.flush(events),
    switches,
    switchStore,
    counters,
    // The tenant's own figure first; issue 17a's price cap per message (`threepid.msisdn.maxPriceUsd`) next.
    smsPriceUsd: smsPriceEstimate(config.observability.smsPriceUsd ?? msisdn?.maxPriceUsd),
  };
}

/** The operator API's extra routes with the switches and counters added (behind the same key, audited alike). */
export function withOperatorObservability<T extends { audit?: AuditLog; more?: Hono[] }>(parts: ObservabilityParts, extra: T): T {
  const observed = observabilityFor(parts);
  const routes = operatorSwitchRoutes({
    store: observed.switchStore,
    counters: observed.counters,
    clock: parts.clock ?? systemClock,
    audit: extra.audit,
    forget: () => observed.switches.forget(),
  });
  return { ...extra, more: [...(extra.more ?? []), routes] };
}
