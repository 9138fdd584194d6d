/**
 * The sweep (issue 16): what must happen later without anyone asking. It retries the outbox's due tasks
 * (sign-up events to the bus and the webhook, onboarding) and closes sign-up requests past their deadline
 * (their sealed password destroyed, the name freed). In AWS a schedule runs it every minute
 * (entries/sweep.ts); `npm start` runs it on a timer. Two sweeps at once are safe: each task is claimed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { TenantConfig } from '../config/tenant-config.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { ConfigError } from '../model/config-error.js';
import { type Clock, type Mailer, systemClock } from '../ports/index.js';
import { signupsMayWait } from '../policy/approval-settings.js';
import { approvalExpiry } from './approvals.js';
import { gatingHooks } from './gating.js';
import { type Records, recordsFor } from './records.js';
import { busSinkFor } from './event-bridge.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { observabilityFor } from './observability.js';

export interface SweepParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock?: Clock;
  log?: Logger;
  /**
   * The webhook's signing secret (events.webhook), the admin token (only when `onboarding` joins rooms),
   * the encryption key (only when sign-ups may wait: a closed request gives back its token use).
   */
  secrets: Partial<Pick<TenantSecrets, 'eventsWebhookSecret' | 'homeserverAdminToken' | 'homeserverHeaderValue' | 'encryptionKey'>>;
  fetch?: typeof fetch;
  eventBridge?: EventBridgeClient;
  /** Mails the operators' notices the register function kept in the outbox (entries/sweep.ts: when the tenant has operators to mail). */
  mailer?: Mailer;
}

export interface SweepReport {
  /** Outbox tasks delivered in this sweep, and those read that are still waiting. */
  done: number;
  pending: number;
  /** Sign-up requests closed because their deadline passed. */
  expired: number;
}

/**
 * Tasks one scheduled sweep may try. The register function leaves every bus delivery to the sweep, so a
 * minute's sweep must keep up with a minute's sign-ups: ten pages, each tried in parallel, take seconds.
 */
const SCHEDULED_LIMIT = 1000;

/** Whether a tenant has anything to sweep: events, onboarding, or sign-ups that wait for a decision. */
export const needsSweep = (config: TenantConfig) => Boolean(config.events || config.onboarding || signupsMayWait(config));

/**
 * One sweep. A part that fails is logged and the other still runs; then the sweep rejects, so the
 * function's error alarm sees a sweep that cannot work (the next one tries again either way).
 */
export function buildSweep(parts: SweepParts): () => Promise<SweepReport> {
  const log = parts.log ?? jsonLogger();
  const records = recordsFor({ ...parts, bus: busSinkFor(parts), log });
  const expireRequests = requestExpiry(parts, records, log);
  const observed = observabilityFor({ ...parts, log });
  return async () => {
    const failed: string[] = [];
    const failing =
      <T>(part: string, fallback: T) =>
      (error: Error) => {
        log.error('sweep_part_failed', { part, name: error.name });
        failed.push(part);
        return fallback;
      };
    const [outbox, expired] = await Promise.all([
      records.outbox.sweep(SCHEDULED_LIMIT).catch(failing('outbox', { done: 0, pending: 0 })),
      (expireRequests?.() ?? Promise.resolve(0)).catch(failing('expiry', 0)),
    ]);
    const report = { ...outbox, expired };
    // Sign-up requests that expired unfinished: the funnel's abandoned. (Plain UIA sessions end by the table's
    // TTL, seen by nothing; the console counts them as started minus completed once their lifetime passed.)
    if (expired > 0) await observed.flush([{ metric: 'SignupAbandoned', count: expired }]);
    if (report.done > 0 || report.pending > 0 || report.expired > 0) log.info('sweep_done', { ...report });
    if (failed.length > 0) throw new Error(`sweep: ${failed.sort().join(' and ')} failed`);
    return report;
  };
}

/** The approval queue's expiry, when sign-ups may wait here, with the creation hooks that take back what a request held. */
function requestExpiry(parts: SweepParts, records: Records, log: Logger) {
  if (!signupsMayWait(parts.config)) return undefined;
  const { config, dynamo } = parts;
  const encryptionKey = parts.secrets.encryptionKey;
  if (!encryptionKey) throw new ConfigError(['the sweep needs the encryption key when sign-ups may wait for a decision']);
  const clock = parts.clock ?? systemClock;
  const hooks = [...gatingHooks({ config, dynamo, clock, encryptionKey }), ...records.hooks];
  return approvalExpiry({
    config,
    dynamo,
    clock,
    log,
    encryptionKey,
    events: records.events,
    terms: records.terms,
    hooks,
    audit: records.audit,
  });
}
