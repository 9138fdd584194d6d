/**
 * Wires what the front door keeps and tells about sign-ups (issue 16): the terms acceptance records, the
 * operator audit log, the outbox with its executors (sign-up events to EventBridge and the webhook,
 * onboarding on the homeserver), and the creation hooks that feed them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { webhookKey } from '../crypto/webhook-signature.js';
import type { Logger } from '../model/log.js';
import { ConfigError } from '../model/config-error.js';
import { type Clock, type CreationHook, type Mailer, systemClock } from '../ports/index.js';
import { type EventSink, noSignupEvents, type SignupEvents } from '../ports/events.js';
import type { AuditLog } from '../ports/audit.js';
import type { Outbox } from '../ports/outbox.js';
import { DynamoAuditLog } from '../adapters/dynamodb/audit-log.js';
import { DynamoOutbox } from '../adapters/dynamodb/outbox-store.js';
import { DynamoTermsRecordStore } from '../adapters/dynamodb/terms-record-store.js';
import { tenantHomeserverHttp } from './homeserver-http.js';
import { synapseOnboarding } from '../adapters/synapse/onboarding.js';
import { webhookSink } from '../adapters/webhook/webhook-sink.js';
import { afterCreationHook, ONBOARDING_KIND, onboardingExecutor } from '../records/after-creation.js';
import { OutboxRunner } from '../records/outbox-runner.js';
import { MAIL_KIND, mailExecutor } from '../records/outbox-mailer.js';
import { eventExecutors, OutboxSignupEvents } from '../records/signup-events.js';
import { termsRecordHook, type TermsRecording } from '../records/terms-records.js';
import { operatorRecordRoutes } from '../http/routes/operator-records.js';
import type { OperatorRouteDeps } from '../http/routes/operator-routes.js';

const DAY_MS = 24 * 3600 * 1000;

export interface RecordsParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock?: Clock;
  log: Logger;
  /** The webhook's signing secret and the admin token (onboarding, and the admin header's value), where this part holds them. */
  secrets: Pick<TenantSecrets, 'eventsWebhookSecret' | 'homeserverAdminToken' | 'homeserverHeaderValue'>;
  fetch?: typeof fetch;
  /**
   * The tenant's bus, in a part that puts events on it itself (compose/event-bridge.ts `busSinkFor`).
   * Without it the part keeps each bus delivery in the outbox and the sweep puts it (the register
   * function: no EventBridge client in its bundle).
   */
  bus?: EventSink;
  /** This part's mailer: it then also sends the mails other parts kept in the outbox (records/outbox-mailer.ts). */
  mailer?: Mailer;
}

/** What the records and events of one part are made of. */
export interface Records {
  terms: TermsRecording;
  audit: AuditLog;
  events: SignupEvents;
  outbox: OutboxRunner;
  outboxStore: Outbox;
  /** The creation hooks: the terms record before, the event and onboarding after. */
  hooks: CreationHook[];
}

export function recordsFor(parts: RecordsParts): Records {
  const { config, dynamo, log } = parts;
  const clock = parts.clock ?? systemClock;
  const terms: TermsRecording = {
    store: new DynamoTermsRecordStore(dynamo, config.tableName),
    clock,
    retentionMs: config.records.termsRetentionDays * DAY_MS,
    serverName: config.serverName,
  };
  const audit = new DynamoAuditLog(dynamo, config.tableName, config.records.auditRetentionDays * DAY_MS);
  const sinks = eventSinks(parts);
  const onboardingHttp = parts.secrets.homeserverAdminToken
    ? synapseOnboarding(tenantHomeserverHttp(config, parts.secrets, parts.fetch), parts.secrets.homeserverAdminToken)
    : undefined;
  const outboxStore = new DynamoOutbox(dynamo, config.tableName);
  const outbox = new OutboxRunner({
    outbox: outboxStore,
    clock,
    log,
    executors: {
      ...eventExecutors(sinks),
      ...(onboardingHttp ? { [ONBOARDING_KIND]: onboardingExecutor(onboardingHttp, log) } : {}),
      ...(parts.mailer ? { [MAIL_KIND]: mailExecutor(parts.mailer) } : {}),
    },
    // Longer than the slowest try (a webhook's timeout, or a join per room): a second try waits for the first.
    leaseMs:
      2 * Math.max(config.events?.webhook?.timeoutMs ?? 0, config.homeserver.timeoutMs * (1 + (config.onboarding?.rooms.length ?? 0))),
    maxRetryDelayMs: (config.events?.maxRetryDelaySeconds ?? 3600) * 1000,
    dedupeMs: 30 * DAY_MS,
  });
  const sinkNames = eventSinkNames(config);
  const events = sinkNames.length > 0 ? new OutboxSignupEvents(outbox, sinkNames) : noSignupEvents;
  const onboarding = config.onboarding && onboardingHttp ? { runner: outbox, rooms: config.onboarding.rooms } : undefined;
  if (config.onboarding && !onboardingHttp) log.warn('onboarding_off', { reason: 'onboarding needs HOMESERVER_ADMIN_TOKEN' });
  return {
    terms,
    audit,
    events,
    outbox,
    outboxStore,
    hooks: [termsRecordHook(terms), afterCreationHook({ events, clock, log, onboarding })],
  };
}

/** What the operator API gets of the records: the audit log, and the routes to list and export them. */
export function operatorRecords(records: Records, clock: Clock = systemClock): Pick<OperatorRouteDeps, 'audit' | 'more'> {
  const routes = operatorRecordRoutes({
    terms: records.terms.store,
    audit: records.audit,
    clock,
    outbox: { store: records.outboxStore, sweep: () => records.outbox.sweep() },
  });
  return { audit: records.audit, more: [routes] };
}

/** Every sink the tenant's events go to, whether or not this part delivers to it itself. */
function eventSinkNames(config: TenantConfig): string[] {
  return [...(config.events?.eventBridge ? ['eventbridge'] : []), ...(config.events?.webhook ? ['webhook'] : [])];
}

/** The sinks this part delivers to right away: the webhook always, the bus when it was given. */
function eventSinks(parts: RecordsParts): Record<string, EventSink> {
  const events = parts.config.events;
  const sinks: Record<string, EventSink> = {};
  if (events?.eventBridge && parts.bus) sinks.eventbridge = parts.bus;
  if (events?.webhook) {
    if (!parts.secrets.eventsWebhookSecret)
      throw new ConfigError(['FRONT_DOOR_EVENTS_WEBHOOK_SECRET: required when "events.webhook" is configured']);
    sinks.webhook = webhookSink({
      url: events.webhook.url,
      key: webhookKey(parts.secrets.eventsWebhookSecret),
      timeoutMs: events.webhook.timeoutMs,
      fetch: parts.fetch,
    });
  }
  return sinks;
}
