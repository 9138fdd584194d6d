/**
 * Operators' decisions on pending sign-ups: list, approve, deny, and the expiry of requests past their
 * deadline. Each decision is one conditional write (a second operator, or a retry, finds it made); an
 * approval makes the account through the same exactly-once creation as a sign-up, without a device.
 */
import { alreadyDecided, notFound, requestExpired } from '../matrix/errors.js';
import type { Logger } from '../model/log.js';
import { Medium } from '../model/medium.js';
import { currentState, type PendingRequest } from '../model/pending-request.js';
import type { ApprovalMessages, ApprovalStore, Clock, CreationHook, Mailer, SessionStore, SmsSender } from '../ports/index.js';
import type { AuditLog } from '../ports/audit.js';
import { SignupEventType, type SignupEvents } from '../ports/events.js';

export interface ApprovalDeps {
  store: ApprovalStore;
  sessions: SessionStore;
  clock: Clock;
  log: Logger;
  /** The same creation the sign-up uses (Registration.createApproved). */
  createApproved(sessionId: string): Promise<string | undefined>;
  /** The creation hooks: a closed request gives back what they took when it was queued (its token use). */
  hooks: CreationHook[];
  events: SignupEvents;
  audit: AuditLog;
  brand: string;
  serverName: string;
  messages: ApprovalMessages;
  mailer?: Mailer;
  sms?: SmsSender;
}

export type Decision =
  | { id: string; state: 'approved'; userId: string; decidedNow: boolean }
  | { id: string; state: 'denied'; decidedNow: true };

/** How many expired requests one sweep closes: each is a transaction and a few deletes. */
const SWEEP_BATCH = 25;

export class Approvals {
  constructor(private readonly deps: ApprovalDeps) {}

  /** Live pending requests, soonest deadline first; requests past their deadline are closed first. */
  async list(limit: number, after?: string) {
    await this.sweep();
    return this.deps.store.listPending(this.deps.clock.now(), limit, after);
  }

  /** Any request, in any state (an expired pending one is closed as it is read). */
  async get(id: string): Promise<PendingRequest> {
    const request = await this.deps.store.get(id);
    if (!request) throw notFound('No such sign-up request');
    if (currentState(request, this.deps.clock.now()) === 'expired' && request.state === 'pending') {
      await this.expire(request);
      return (await this.deps.store.get(id)) ?? request;
    }
    return request;
  }

  async approve(id: string, operator: string): Promise<Decision> {
    const { store, clock } = this.deps;
    let request = await this.live(id);
    if (request.state === 'denied') throw alreadyDecided('denied');
    let decidedNow = false;
    if (request.state === 'pending') {
      decidedNow = await store.approve(request, operator, clock.now());
      if (decidedNow) await this.recordDecision(request, 'approved', operator);
      else request = await this.live(id);
      if (request.state !== 'approved' && !decidedNow) throw alreadyDecided(request.state);
    }
    const userId = request.userId ?? (await this.deps.createApproved(request.sessionId));
    if (!userId) throw requestExpired();
    if (!request.userId) await store.recordAccount(id, userId);
    await this.tell(request, { approved: true, userId });
    return { id, state: 'approved', userId, decidedNow };
  }

  async deny(id: string, operator: string, reason?: string, shareReason = false): Promise<Decision> {
    const { store, clock, sessions } = this.deps;
    const request = await this.live(id);
    if (request.state !== 'pending') throw alreadyDecided(request.state);
    const session = await sessions.get(request.sessionId, clock.now());
    const closed = await store.close(request, { state: 'denied', decidedBy: operator, reason, shareReason }, clock.now());
    if (!closed) {
      const now = await this.live(id);
      throw alreadyDecided(now.state);
    }
    await this.afterClose(request, session);
    await this.recordDecision({ ...request, reason }, 'denied', operator);
    await this.tell(request, { approved: false, reason: shareReason ? reason : undefined });
    return { id, state: 'denied', decidedNow: true };
  }

  /** Closes requests past their deadline: the session and its sealed password deleted, the name and addresses freed. */
  async sweep(): Promise<number> {
    const due = await this.deps.store.pastDeadline(this.deps.clock.now(), SWEEP_BATCH);
    let closed = 0;
    for (const request of due) if (await this.expire(request)) closed++;
    return closed;
  }

  /** A request that can still be decided or was decided; expired ones are closed and refused. */
  private async live(id: string): Promise<PendingRequest> {
    const request = await this.get(id);
    if (currentState(request, this.deps.clock.now()) === 'expired') throw requestExpired();
    return request;
  }

  private async expire(request: PendingRequest): Promise<boolean> {
    const { store, sessions, log } = this.deps;
    // Read as of when it was queued: the session has outlived its deadline, but its records still say what to give back.
    const session = await sessions.get(request.sessionId, request.requestedAt);
    const closed = await store.close(request, { state: 'expired' }, this.deps.clock.now());
    if (closed) {
      await this.afterClose(request, session);
      log.info('signup_request_expired', { request: request.id });
    }
    return closed;
  }

  /** The name and addresses go back, and the hooks give back what they took (a token use). */
  private async afterClose(request: PendingRequest, session: Awaited<ReturnType<SessionStore['get']>>): Promise<void> {
    await this.deps.store.release(request);
    if (!session) return;
    for (const hook of this.deps.hooks) await hook.refused(session).catch(() => undefined);
  }

  /** The audit entry and the event, by the one call that made the decision. */
  private async recordDecision(request: PendingRequest, state: 'approved' | 'denied', operator: string): Promise<void> {
    const { audit, events, clock, log } = this.deps;
    const at = clock.now();
    const action = state === 'approved' ? SignupEventType.Approved : SignupEventType.Denied;
    await audit.record({ operator, action, target: request.id, changes: { localpart: request.localpart, state } }, at);
    const facts = {
      localpart: request.localpart,
      requestId: request.id,
      threepids: request.threepids,
      lang: request.lang,
      decidedBy: operator,
      ...(request.reason ? { reason: request.reason } : {}),
    };
    await events
      .emit({ id: `${action}:${request.id}`, type: action, occurredAt: at, facts })
      .catch((error: Error) => log.error('signup_event_not_kept', { type: action, name: error.name }));
  }

  /** Tells the person once, by mail when a verified email is known, else by SMS; a failure is logged and can be retried. */
  private async tell(request: PendingRequest, outcome: { approved: true; userId: string } | { approved: false; reason?: string }) {
    const { store, mailer, sms, messages, brand, log } = this.deps;
    const email = request.threepids.find((t) => t.medium === Medium.Email);
    const phone = request.threepids.find((t) => t.medium === Medium.Msisdn);
    if (!(email && mailer) && !(phone && sms)) return;
    if (!(await store.claimNotice(request.id))) return;
    const lang = request.lang;
    const words = outcome.approved
      ? {
          mail: () => messages.approvedMail({ brand, userId: outcome.userId, username: request.localpart, lang }),
          sms: () => messages.approvedSms({ brand, userId: outcome.userId, username: request.localpart, lang }),
        }
      : {
          mail: () => messages.deniedMail({ brand, reason: outcome.reason, lang }),
          sms: () => messages.deniedSms({ brand, reason: outcome.reason, lang }),
        };
    try {
      if (email && mailer) await mailer.send({ to: email.address, ...words.mail() });
      else await sms!.send({ to: `+${phone!.address}`, body: words.sms() });
    } catch (error) {
      await store.releaseNotice(request.id).catch(() => undefined);
      log.warn('decision_notice_failed', { request: request.id, name: (error as Error).name });
    }
  }
}
