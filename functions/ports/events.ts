/**
 * Sign-up events for the tenant's own systems (an EventBridge bus, a webhook): what happened to a sign-up,
 * delivered at least once, each with an idempotency key the receiver de-duplicates on.
 */

export const SignupEventType = {
  /** An account was made (directly, or after an approval: then `signup.approved` comes too). */
  Completed: 'signup.completed',
  /** A finished flow became a request awaiting an operator's decision. */
  Pending: 'signup.pending',
  Approved: 'signup.approved',
  Denied: 'signup.denied',
} as const;
export type SignupEventType = (typeof SignupEventType)[keyof typeof SignupEventType];

/** The facts of a sign-up that an event carries: never a password, token, code or raw IP. */
export interface SignupFacts {
  /** Normalised localpart. */
  localpart: string;
  /** Set once the account exists. */
  userId?: string;
  /** The UIA session that made it, or the pending request's id. */
  sessionId?: string;
  requestId?: string;
  /** Verified addresses. */
  threepids?: { medium: string; address: string }[];
  /** The registration token's label (never the token). */
  tokenLabel?: string;
  /** The language the sign-up was made in, when known. */
  lang?: string;
  /** A denial's reason, as the operator or hook gave it. */
  reason?: string;
  /** Which operator credential decided (approvals and denials by an operator), or `hook`. */
  decidedBy?: string;
}

export interface SignupEvent {
  /**
   * The idempotency key: the same fact always gets the same id (e.g. `signup.completed:<session id>`,
   * `signup.approved:<request id>`), so emitting it again, from a retried or raced call, adds nothing.
   * Only `[A-Za-z0-9._:@=-]`, at most 200 characters.
   */
  id: string;
  type: SignupEventType;
  /** Epoch ms when it happened. */
  occurredAt: number;
  facts: SignupFacts;
}

/**
 * Emits sign-up events. `emit` resolves once the event is durably kept (an outbox item in the tenant
 * table) and has been tried once; a failed delivery is retried later and never rejects `emit`. It rejects
 * only when the event could not even be kept (the table unreachable): callers after an irreversible step
 * (an account made) log that and go on. Emitting an id that was emitted before does nothing.
 */
export interface SignupEvents {
  emit(event: SignupEvent): Promise<void>;
}

/** For tenants without events configured, and tests that do not look. */
export const noSignupEvents: SignupEvents = { emit: async () => undefined };

/** One destination of sign-up events (a bus, a webhook). Rejects when this try failed; it is then retried. */
export type EventSink = (event: SignupEvent) => Promise<void>;
