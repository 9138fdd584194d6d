/** A sign-up that finished its flow and waits for an operator's decision instead of becoming an account. */
import type { Threepid } from './medium.js';

export type RequestState = 'pending' | 'approved' | 'denied' | 'expired';

export interface PendingRequest {
  /** Opaque; sorts by deadline, so the store finds the expired ones by range. */
  id: string;
  /** The UIA session that holds the sealed password until the decision or the deadline. */
  sessionId: string;
  localpart: string;
  /** Verified addresses. */
  threepids: Threepid[];
  /** The registration token's label (never the token). */
  tokenLabel?: string;
  /** Policy id → version accepted. */
  termsAccepted?: Record<string, string>;
  requestedAt: number;
  /** Epoch ms; past it the request is expired, whatever the table still holds. */
  deadline: number;
  /** Keyed hash of the client IP of the final call. */
  ipHash?: string;
  /** The language the sign-up was made in: the decision is told in it. */
  lang?: string;
  /** Why it waits: the approval rules that matched, or `hook`. */
  reasons: string[];
  state: RequestState;
  decidedAt?: number;
  /** The operator credential's name. */
  decidedBy?: string;
  /** A denial's reason, for the record; told to the person only when `shareReason`. */
  reason?: string;
  shareReason?: boolean;
  userId?: string;
}

/** The request as its state is now: a pending one past its deadline is expired. */
export const currentState = (request: PendingRequest, now: number): RequestState =>
  request.state === 'pending' && request.deadline <= now ? 'expired' : request.state;
