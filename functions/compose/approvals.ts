/**
 * Wires the approval queue and the decision hook (issue 16) from the tenant config: the admission the
 * registration engine asks before each account, the queue it hands waiting sign-ups to, and the operator
 * routes that decide them. Nothing is built when the tenant has neither `approval` nor `decisionHook`.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TenantConfig } from '../config/tenant-config.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { ConfigError } from '../model/config-error.js';
import type { Logger } from '../model/log.js';
import type { Clock, CreationHook, Mailer, SmsSender } from '../ports/index.js';
import type { AuditLog } from '../ports/audit.js';
import type { SignupEvents } from '../ports/events.js';
import { DynamoApprovalIntake } from '../adapters/dynamodb/approval-intake.js';
import { DynamoApprovalStore } from '../adapters/dynamodb/approval-store.js';
import { DynamoSessionStore } from '../adapters/dynamodb/session-store.js';
import { httpDecisionHook } from '../adapters/webhook/http-decision-hook.js';
import { DEFAULT_DEADLINE_SECONDS, signupsMayWait } from '../policy/approval-settings.js';
import { TenantAdmission } from '../policy/admission.js';
import { ApprovalQueue } from '../uia/approval-queue.js';
import { Approvals } from '../uia/approvals.js';
import type { Registration } from '../uia/engine.js';
import { approvalMessages } from '../web/approval-messages.js';
import { operatorNotice } from '../web/operator-notice.js';
import { recordTerms, type TermsRecording } from '../records/terms-records.js';
import { OPERATOR_PREFIX } from '../http/routes/operator-routes.js';
import { approvalRoutes } from '../http/routes/operator-approvals.js';
import type { OperatorCredential } from '../http/routes/operator-auth.js';
import type { GatingMount } from '../http/mount.js';

export interface ApprovalParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock: Clock;
  log: Logger;
  encryptionKey: Buffer;
  /** The `whsec_…` secret the decision hook's calls are signed with. */
  decisionHookSecret?: string;
  events: SignupEvents;
  mailer?: Mailer;
  sms?: SmsSender;
  fetch?: typeof fetch;
  /** Where the terms acceptance of a queued sign-up is recorded (with the request's id). */
  terms?: TermsRecording;
}

const brandOf = (config: TenantConfig) => config.threepid?.brandName ?? config.serverName;

/** The admission and the queue for the registration engine; undefined when the tenant has neither. */
export function approvalGate(parts: ApprovalParts) {
  const { config, clock, log } = parts;
  if (!signupsMayWait(config)) return undefined;
  // A hook may queue a sign-up even when no rule does: the queue then runs on the default settings.
  const approval = config.approval ?? { deadlineSeconds: DEFAULT_DEADLINE_SECONDS, operatorEmails: [] };
  const hasher = keyedHash(parts.encryptionKey);
  const hook = config.decisionHook && {
    hook: httpDecisionHook({
      url: config.decisionHook.url,
      secret: parts.decisionHookSecret ?? missingSecret(),
      timeoutMs: config.decisionHook.timeoutMs,
      clock,
      fetch: parts.fetch,
    }),
    onFailure: config.decisionHook.onFailure,
  };
  const admission = new TenantAdmission({
    serverName: config.serverName,
    hasher,
    log,
    when: config.approval?.when,
    hook: hook || undefined,
  });
  const queue = new ApprovalQueue({
    store: new DynamoApprovalIntake(parts.dynamo, config.tableName),
    clock,
    hasher,
    log,
    deadlineMs: approval.deadlineSeconds * 1000,
    brand: brandOf(config),
    messages: { operatorNotice },
    events: parts.events,
    operatorEmails: approval.operatorEmails,
    mailer: parts.mailer,
    sms: parts.sms,
    // The decision is told by the part that makes it: in AWS the admin function, which has a sender for each
    // medium the tenant sends (entries/admin.ts) even where this part has none.
    noticeChannels: { mailer: parts.mailer ?? config.threepid?.email, sms: parts.sms ?? config.threepid?.msisdn },
    onQueued: parts.terms ? (session, request) => recordTerms(parts.terms!, session, { requestId: request.id }) : undefined,
  });
  return { admission, queue };
}

/** The operator routes under `/_front_door/admin/v1/signup_requests`, where the homeserver credential is (approval makes accounts). */
export function approvalOperatorMount(
  parts: ApprovalParts & {
    registration: Registration;
    hooks: CreationHook[];
    audit: AuditLog;
    operatorKeys?: string | OperatorCredential[];
  },
): GatingMount & { approvals: Approvals } {
  const approvals = approvalsOf(parts, (sessionId) => parts.registration.createApproved(sessionId));
  const app = approvalRoutes({ approvals, operatorKeys: parts.operatorKeys, serverName: parts.config.serverName });
  // The decisions themselves too: the operator console decides through the same Approvals.
  return { middleware: [], routes: [{ prefix: OPERATOR_PREFIX, app }], approvals };
}

/**
 * The expiry of requests past their deadline, for the sweep (compose/sweep.ts): it frees names and gives
 * back token uses, and makes no account (it holds no homeserver credential). Undefined when no sign-up waits.
 */
export function approvalExpiry(parts: ApprovalParts & { hooks: CreationHook[]; audit: AuditLog }): (() => Promise<number>) | undefined {
  if (!signupsMayWait(parts.config)) return undefined;
  const approvals = approvalsOf(parts, () => Promise.reject(new Error('the sweep makes no accounts')));
  return () => approvals.sweep();
}

function approvalsOf(
  parts: ApprovalParts & { hooks: CreationHook[]; audit: AuditLog },
  createApproved: (sessionId: string) => Promise<string | undefined>,
): Approvals {
  const { config, clock, log } = parts;
  return new Approvals({
    store: new DynamoApprovalStore(parts.dynamo, config.tableName),
    sessions: new DynamoSessionStore(parts.dynamo, config.tableName),
    clock,
    log,
    createApproved,
    hooks: parts.hooks,
    events: parts.events,
    audit: parts.audit,
    brand: brandOf(config),
    serverName: config.serverName,
    messages: approvalMessages,
    mailer: parts.mailer,
    sms: parts.sms,
  });
}

function missingSecret(): never {
  throw new ConfigError(['FRONT_DOOR_DECISION_HOOK_SECRET: required when "decisionHook" is configured']);
}
