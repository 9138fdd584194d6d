/**
 * The approval queue's ports: where pending requests are kept, and the admission that decides, before an
 * account is made, whether it is made now, refused, or left for an operator.
 */
import type { PendingRequest } from '../model/pending-request.js';
import type { Enrichment, RegistrationSession } from '../model/session.js';
import type { MailContent } from './messages.js';

/** Where the final call came from: what a pending request records of it. */
export interface CreationContext {
  clientIp?: string;
  /** The language the sign-up was made in. */
  lang?: string;
}

/** `allow`: make the account now (with the hook's additions); `queue`: leave it for an operator. A refusal is thrown (MatrixError). */
export type AdmissionVerdict = { kind: 'allow'; enrichment?: Enrichment } | { kind: 'queue'; reasons: string[]; enrichment?: Enrichment };

export interface Admission {
  decide(session: RegistrationSession, context: CreationContext): Promise<AdmissionVerdict>;
}

/** The outcome of moving a session into the queue. */
export type EnqueueOutcome = 'queued' | 'lease-lost' | 'name-taken' | 'address-taken';

/** Where a sign-up that waits for an operator goes in (the register function's part of the queue). */
export interface ApprovalIntake {
  /**
   * One transaction: the session (claimed under `leaseOwner`) becomes `pending` and lives until the
   * request's deadline, the request is written, and the name and addresses are held until then.
   */
  enqueue(session: RegistrationSession, leaseOwner: string, request: PendingRequest, now: number): Promise<EnqueueOutcome>;
}

/** The queue as operators and the sweep see it: the requests, their decisions, their expiry. */
export interface ApprovalStore extends ApprovalIntake {
  get(id: string): Promise<PendingRequest | undefined>;
  /** Live pending requests, soonest deadline first; `after`: the last id of the previous page. */
  listPending(now: number, limit: number, after?: string): Promise<{ requests: PendingRequest[]; next?: string }>;
  /** Requests whose deadline has passed and that still hold a session (pending ones first). */
  pastDeadline(now: number, limit: number): Promise<PendingRequest[]>;
  /** pending → approved, the session with it (it may then be created); false when it was not pending any more. */
  approve(request: PendingRequest, decidedBy: string, now: number): Promise<boolean>;
  /**
   * pending → denied (before the deadline) or expired (after it): the session, and with it the sealed
   * password, is deleted in the same write. False when the request was not pending (or not in that time).
   */
  close(
    request: PendingRequest,
    outcome: { state: 'denied' | 'expired'; decidedBy?: string; reason?: string; shareReason?: boolean },
    now: number,
  ): Promise<boolean>;
  /** Gives the name and the addresses back, where this request's session still holds them. */
  release(request: PendingRequest): Promise<void>;
  recordAccount(id: string, userId: string): Promise<void>;
  /** Claims the one notice of the decision to the person; false when it was claimed already. */
  claimNotice(id: string): Promise<boolean>;
  releaseNotice(id: string): Promise<void>;
}

/** The words of what the person and the operators are told (web/approval-messages.ts). */
export interface ApprovalMessages {
  approvedMail(v: { brand: string; userId: string; username: string; lang?: string }): MailContent;
  approvedSms(v: { brand: string; userId: string; username: string; lang?: string }): string;
  deniedMail(v: { brand: string; reason?: string; lang?: string }): MailContent;
  deniedSms(v: { brand: string; reason?: string; lang?: string }): string;
  operatorNotice(request: PendingRequest, brand: string): MailContent;
}
