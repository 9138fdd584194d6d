/**
 * The stores on the tenant table: registration sessions, 3PID validation sessions, gate passes, address
 * claims, and the rate limiter's counters. (Registration tokens: model/token-record.ts, token-reservations.ts.)
 */
import type { LoginType } from '../matrix/login-types.js';
import type { Threepid } from '../model/medium.js';
import type { DeviceRequest, RegistrationSession, StageRecord } from '../model/session.js';
import type { ValidationSession } from '../model/validation-session.js';

/** A write that lost to a concurrent one, with what the item held when it lost (if it still exists). */
export type Contended = { won: false; current?: RegistrationSession };
export type Written = { won: true; session: RegistrationSession };

export interface SessionStore {
  /** Stores a new session and, when it has a username, holds the name until `holdUntil`. */
  create(session: RegistrationSession, now: number, holdUntil: number): Promise<'created' | 'username-taken'>;
  /** A consistent read; expired sessions are absent even if not yet deleted. */
  get(id: string, now: number): Promise<RegistrationSession | undefined>;
  /** Sets who is registering; a new username moves the hold atomically from the old one (held until `holdUntil`). */
  setIdentity(
    session: RegistrationSession,
    identity: { username?: string; sealedPassword?: string; device: DeviceRequest },
    now: number,
    holdUntil: number,
  ): Promise<'updated' | 'username-taken' | 'contended'>;
  /**
   * Keeps the session's hold on its name until `until` (the session's end, once a stage is passed), taking
   * it again if it lapsed and nobody took it since; false when another live session holds it.
   */
  extendHold(localpart: string, sessionId: string, until: number, now: number): Promise<boolean>;
  /**
   * Records a passed stage unless it was already; with `lease`, also claims the account creation. With `guard`
   * (a write sent without reading the session first), only when the guard holds too.
   */
  completeStage(
    id: string,
    stage: LoginType,
    record: StageRecord,
    now: number,
    lease?: CreationLease,
    guard?: StageGuard,
  ): Promise<Written | Contended>;
  /** Claims the right to create the account: the session is open or approved, or the last claim's lease ran out. */
  acquireCreation(id: string, lease: CreationLease, now: number): Promise<Written | Contended>;
  /**
   * Records the created account (and when: the funnel counts it in that hour); the password is deleted in the same
   * write. The session written is not read back: nothing needs it but the answer the caller holds.
   */
  finishCreation(id: string, userId: string, sealedResult: string, now: number): Promise<{ won: true } | Contended>;
  /** Gives the claim back after a failure the client can retry; `backTo`: 'approved' for a session an operator approved. */
  releaseCreation(id: string, owner: string, backTo?: 'open' | 'approved'): Promise<void>;
  /** The live session that holds a username, if any. */
  usernameHolder(localpart: string, now: number): Promise<string | undefined>;
  /** Deletes a session that nobody was told of, with its hold on the name (a first call refused after it was stored). */
  discard(session: RegistrationSession): Promise<void>;
}

/** What a stage write sent without reading the session first requires of the session it lands on. */
export interface StageGuard {
  /** The other stages of each flow that the stage is part of. */
  flowsWith: LoginType[][];
  /** true: the write finishes one of them, on a session with a username and password; false: it finishes none. */
  finishes: boolean;
}

export interface CreationLease {
  owner: string;
  until: number;
}

/** Why a token submission found nothing to compare against. */
export type SubmitRefusal = 'unknown' | 'wrong-secret' | 'expired' | 'locked';

export interface ThreepidStore {
  /**
   * Writes a validation session when it is new or `sendAttempt` is higher than the stored one (and it
   * is not validated yet); otherwise leaves it and returns what is stored, so nothing is sent twice.
   */
  begin(session: ValidationSession, now: number): Promise<{ written: true } | { written: false; existing: ValidationSession }>;
  /** Undoes a `begin` whose message could not be sent, so the same attempt can be asked for again. */
  abandon(sid: string, tokenHash: string): Promise<void>;
  /** Counts one submission (at most `maxAttempts` before validation) and returns the session to check it against. */
  consumeAttempt(sid: string, clientSecretHash: string, maxAttempts: number, now: number): Promise<ValidationSession | SubmitRefusal>;
  markValidated(sid: string, tokenHash: string, validatedAt: number, expiresAt: number): Promise<ValidationSession | undefined>;
  get(sid: string, now: number): Promise<ValidationSession | undefined>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimit {
  max: number;
  windowSeconds: number;
  /** Count per aligned window (a UTC day, say) instead of over the last `windowSeconds`. */
  calendar?: boolean;
  /** The key's item is kept at least this long after a hit: set where a count with a longer window shares it. */
  keepSeconds?: number;
}

/** One of the counts kept under one key: `name` tells it from the key's other counts (none: the key's own). */
export interface CountHit {
  name?: string;
  limit: RateLimit;
}

/** Counters: one more hit on `key`, refused when it would pass `max` within the window. */
export interface RateLimiter {
  hit(key: string, limit: RateLimit, now: number): Promise<RateDecision>;
  /**
   * One hit on several counts under one key, spent together (one write while their windows last): each
   * count's decision, in order. When one refuses, none is spent (but a count that began a new window in a write
   * of its own first); the others then answer allowed.
   */
  hitTogether(key: string, hits: readonly CountHit[], now: number): Promise<RateDecision[]>;
}

/** The one send budget a UIA session gets when it first passes a gate stage. */
export interface GatePassGrant {
  sessionId: string;
  /** Keyed hash of the client's network: stock clients spend by IP, as they cannot name the session. */
  networkKey: string;
  sends: number;
  expiresAt: number;
  /** Kept (spent or not) until the session is over, so the session can never be granted a second one. */
  keepUntil: number;
  /** The registration token whose reservation paid for it, which must still hold when it is spent. */
  tokenId?: string;
}

/** Send budgets granted by a passed gate stage, spent by requestToken. */
export interface GatePassStore {
  /** False, and nothing changes, when the session was granted a pass before. */
  grant(pass: GatePassGrant): Promise<boolean>;
  /** The session of the latest live pass granted to a client network. */
  sessionOf(networkKey: string, now: number): Promise<string | undefined>;
  /** Spends one send of the session's pass; undefined when there is no live pass with budget left. */
  consume(sessionId: string, now: number): Promise<{ tokenId?: string } | undefined>;
}

/**
 * Who is about to bind an address. The homeserver does not refuse one address on two accounts, so the
 * session that creates its account first claims each address; a claim lasts as long as its session.
 */
export interface AddressClaims {
  /** Claims every address for the session, or none: 'taken' when another live session holds one. */
  claim(sessionId: string, threepids: Threepid[], until: number, now: number): Promise<'claimed' | 'taken'>;
}
