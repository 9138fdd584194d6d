/**
 * Turns a finished sign-up into a pending request instead of an account: the session keeps its sealed
 * password until the decision or the deadline, the name and verified addresses stay held, operators and
 * the tenant's systems are told. The client gets 403 M_USER_AWAITING_APPROVAL, now and on every repeat.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { randomLetters } from '../crypto/random.js';
import { ApprovalNoticeMedium } from '../matrix/approval-notice.js';
import { LoginType } from '../matrix/login-types.js';
import { threepidInUse, userAwaitingApproval, userInUse } from '../matrix/errors.js';
import type { Logger } from '../model/log.js';
import { Medium, type Threepid } from '../model/medium.js';
import type { PendingRequest } from '../model/pending-request.js';
import type { RegistrationSession } from '../model/session.js';
import type { ApprovalIntake, ApprovalMessages, Clock, CreationContext, Mailer, SmsSender } from '../ports/index.js';
import { SignupEventType, type SignupEvents } from '../ports/events.js';
import { verifiedThreepids } from '../threepid/recheck.js';

export interface QueueDeps {
  store: ApprovalIntake;
  clock: Clock;
  hasher: KeyedHash;
  log: Logger;
  deadlineMs: number;
  brand: string;
  /** The queue tells operators only; what the person is told on a decision is the admin part's (uia/approvals.ts). */
  messages: Pick<ApprovalMessages, 'operatorNotice'>;
  events: SignupEvents;
  operatorEmails: string[];
  mailer?: Mailer;
  sms?: SmsSender;
  /**
   * What the part that decides will tell the person by, when that is not this part (in AWS the admin
   * function, with a sender for each medium the tenant sends); this part's own senders otherwise.
   */
  noticeChannels?: { mailer?: unknown; sms?: unknown };
  /** Run once the request is written (the terms acceptance records, with the request's id). */
  onQueued?: (session: RegistrationSession, request: PendingRequest) => Promise<void>;
}

/** How the person will hear of the decision (MSC3866's `approval_notice_medium`; `m.msisdn` is the front door's own). */
export function noticeMedium(threepids: Threepid[], channels: { mailer?: unknown; sms?: unknown }): string {
  if (channels.mailer && threepids.some((t) => t.medium === Medium.Email)) return ApprovalNoticeMedium.Email;
  if (channels.sms && threepids.some((t) => t.medium === Medium.Msisdn)) return ApprovalNoticeMedium.Sms;
  return ApprovalNoticeMedium.None;
}

/** The deadline leads the id, so the store finds expired requests by a range of ids. */
const requestId = (deadline: number) => `${String(deadline).padStart(15, '0')}.${randomLetters(16)}`;

export class ApprovalQueue {
  constructor(private readonly deps: QueueDeps) {}

  /** The 403 a pending session answers with, whoever asks and however often. */
  awaiting(session: RegistrationSession): Error {
    return userAwaitingApproval(noticeMedium(verifiedThreepids(session), this.deps.noticeChannels ?? this.deps));
  }

  /** Moves the session (claimed under `leaseOwner`) into the queue; 'lease-lost' when another call took the session over. */
  async enqueue(
    session: RegistrationSession,
    leaseOwner: string,
    reasons: string[],
    context: CreationContext,
  ): Promise<PendingRequest | 'lease-lost'> {
    const { store, clock, hasher } = this.deps;
    const now = clock.now();
    const request = this.requestOf(session, reasons, context, now, hasher);
    const outcome = await store.enqueue(session, leaseOwner, request, now);
    if (outcome === 'name-taken') throw userInUse();
    if (outcome === 'address-taken') throw threepidInUse('This address is being used by another sign-up');
    if (outcome === 'lease-lost') return outcome;
    await this.deps.onQueued?.(session, request).catch((error: Error) => this.deps.log.error('queued_record_failed', { name: error.name }));
    await this.announce(request);
    return request;
  }

  private requestOf(
    session: RegistrationSession,
    reasons: string[],
    context: CreationContext,
    now: number,
    hasher: KeyedHash,
  ): PendingRequest {
    const deadline = now + this.deps.deadlineMs;
    const token = session.stages[LoginType.RegistrationToken];
    const terms = session.stages[LoginType.Terms];
    return {
      id: requestId(deadline),
      sessionId: session.id,
      localpart: session.username!,
      threepids: verifiedThreepids(session),
      ...(token?.label !== undefined ? { tokenLabel: token.label } : {}),
      ...(terms ? { termsAccepted: terms.accepted } : {}),
      requestedAt: now,
      deadline,
      ...(context.clientIp ? { ipHash: hasher.hash('client-ip', context.clientIp) } : {}),
      ...(context.lang ? { lang: context.lang } : {}),
      reasons,
      state: 'pending',
    };
  }

  /** The operators' notice and the `signup.pending` event: neither may undo the request, so failures are logged. */
  private async announce(request: PendingRequest): Promise<void> {
    const { events, log, mailer, operatorEmails, messages, brand, clock } = this.deps;
    const facts = { localpart: request.localpart, requestId: request.id, threepids: request.threepids, lang: request.lang };
    await events
      .emit({ id: `${SignupEventType.Pending}:${request.id}`, type: SignupEventType.Pending, occurredAt: clock.now(), facts })
      .catch((error: Error) => log.error('signup_event_not_kept', { type: SignupEventType.Pending, name: error.name }));
    if (!mailer || operatorEmails.length === 0) return;
    const mail = messages.operatorNotice(request, brand);
    await Promise.all(
      operatorEmails.map((to) =>
        mailer.send({ to, ...mail }).catch((error: Error) => log.warn('operator_notice_failed', { name: error.name })),
      ),
    );
  }
}
