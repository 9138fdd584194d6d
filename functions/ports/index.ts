/**
 * The narrow interfaces the core uses to reach the world: the session store, the homeserver, the
 * clock. Adapters (store/, homeserver/) implement them; only entry points choose which.
 */
import type { Threepid } from '../model/medium.js';
import type { ValidationSession } from '../model/validation-session.js';
import type { DeviceRequest, RegistrationSession, StageRecord } from '../model/session.js';
import type { LoginType } from '../matrix/login-types.js';

export type { MailContent, MailTemplates, Messages } from './messages.js';
export type { SendGate } from './send-gate.js';
export type { ReserveResult, TokenReservations } from './token-reservations.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

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
  /** Records a passed stage unless it was already; with `lease`, also claims the account creation. */
  completeStage(id: string, stage: LoginType, record: StageRecord, now: number, lease?: CreationLease): Promise<Written | Contended>;
  /** Claims the right to create the account: the session is open, or the last claim's lease ran out. */
  acquireCreation(id: string, lease: CreationLease, now: number): Promise<Written | Contended>;
  /** Records the created account; the password is deleted in the same write. */
  finishCreation(id: string, userId: string, sealedResult: string): Promise<Written | Contended>;
  /** Gives the claim back after a failure the client can retry. */
  releaseCreation(id: string, owner: string): Promise<void>;
  /** The live session that holds a username, if any. */
  usernameHolder(localpart: string, now: number): Promise<string | undefined>;
}

export interface CreationLease {
  owner: string;
  until: number;
}

/** A name the homeserver refuses comes back as a HomeserverError 'invalid-username' with its reason. */
export type UsernameAvailability = 'available' | 'in-use' | 'unchecked';

export interface NewAccount {
  localpart: string;
  password: string;
  device: DeviceRequest;
  /** Validated addresses to bind to the account. */
  threepids: Threepid[];
}

/**
 * Which attempt of one session this is. After an attempt whose outcome is unknown (a lost answer), the
 * account may exist already: made by this session, it is adopted; made by anyone else, it is refused.
 */
export interface CreationAttempt {
  /** False on a session's first attempt: an existing account is then never this session's. */
  mayExist: boolean;
  /** How long ago the session began (ms): an account of this session cannot be older. */
  sessionAgeMs: number;
}

/** What the client gets back: the fields of a homeserver's own `/register` answer. */
export interface AccountSession {
  userId: string;
  homeServer: string;
  accessToken?: string;
  deviceId?: string;
  refreshToken?: string;
  expiresInMs?: number;
}

export interface Homeserver {
  /** Asks the homeserver whether a localpart is free; 'unchecked' when the mode cannot ask. */
  checkUsername(localpart: string): Promise<UsernameAvailability>;
  /**
   * Creates the account and, unless `inhibitLogin`, a device with its tokens. Never modifies an account
   * that this session did not make: a taken name is a HomeserverError 'user-in-use'. When an earlier
   * attempt of the session made the account, it is adopted: its addresses bound and every device that
   * the front door made and did not hand out removed, so the account ends as one clean attempt leaves it.
   */
  createAccount(account: NewAccount, attempt: CreationAttempt): Promise<AccountSession>;
  /** The user an address is bound to, if any. */
  findUserByThreepid(threepid: Threepid): Promise<string | undefined>;
}

export type HomeserverFailure =
  | 'user-in-use'
  | 'invalid-username'
  /** The name is in an application service's exclusive namespace. */
  | 'exclusive'
  /** The homeserver limited the front door (429); `retryAfterMs` says for how long when it said so. */
  | 'rate-limited'
  /** A 4xx about what this request carried (the password, say): retrying the same will not help. */
  | 'refused'
  | 'unavailable'
  | 'misconfigured';

/** What the homeserver adapters throw; `unavailable` and `rate-limited` are worth a retry, the others are not. */
export class HomeserverError extends Error {
  constructor(
    readonly kind: HomeserverFailure,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HomeserverError';
  }
}

/** What the start-up probe learnt of the homeserver; 'unknown' when it could not tell (down, odd answers). */
export interface HomeserverCapabilities {
  /** The admin 3PID lookup (Synapse 1.72 and later) that requestToken and account creation need. */
  threepidLookup: 'available' | 'missing' | 'unknown';
  /** As `GET /_synapse/admin/v1/server_version` reports it, for messages. */
  serverVersion?: string;
}

/** The homeserver has no admin 3PID lookup, as its start-up probe found: email and phone cannot be offered. */
export class ThreepidLookupMissing extends Error {
  constructor(readonly serverVersion?: string) {
    super(`the homeserver${serverVersion ? ` (${serverVersion})` : ''} has no admin 3PID lookup`);
    this.name = 'ThreepidLookupMissing';
  }
}

/** Seals small secrets (a password, a token) so that the store never holds them in clear. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** One verification mail: a plain-text and an HTML part. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail (SES in AWS, a local mail catcher otherwise). Throws NotifyError. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
}

/** Sends one SMS to an E.164 number (SNS in AWS, a local outbox otherwise). Throws NotifyError. */
export interface SmsSender {
  send(sms: { to: string; body: string }): Promise<void>;
}

/** `unavailable`: worth a retry (throttled, down); `rejected`: the provider refused this message. */
export class NotifyError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    message: string,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
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
}

/** Counters: one more hit on `key`, refused when it would pass `max` within the window. */
export interface RateLimiter {
  hit(key: string, limit: RateLimit, now: number): Promise<RateDecision>;
}

/** What a captcha provider answered about one response: reCAPTCHA v2, hCaptcha and Turnstile share this shape. */
export interface CaptchaAnswer {
  success: boolean;
  hostname?: string;
  errorCodes: string[];
}

/** The provider's server-side verification. Throws CaptchaUnavailable when the provider cannot be reached. */
export interface CaptchaVerifier {
  verify(response: string, clientIp: string): Promise<CaptchaAnswer>;
}

export class CaptchaUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptchaUnavailable';
  }
}

/** Runs around account creation; the registration engine calls each hook in order. */
export interface CreationHook {
  /** Just before the homeserver is asked; may refuse with a MatrixError (nothing is created then). */
  beforeCreate(session: RegistrationSession): Promise<void>;
  /** The creation failed for certain (a 4xx the client cannot retry into success): undo `beforeCreate`. */
  refused(session: RegistrationSession): Promise<void>;
  created(session: RegistrationSession, userId: string): Promise<void>;
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

/** Checks a requestToken against the gating policy before anything is sent (throws MatrixError). */
export interface SendGuard {
  admit(request: { medium: 'email' | 'msisdn'; address: string; clientIp: string; gateSession?: string }): Promise<void>;
  /** Right before a message really goes out (not on an idempotent repeat). */
  beforeSend(medium: 'email' | 'msisdn'): Promise<void>;
}

/**
 * Who is about to bind an address. The homeserver does not refuse one address on two accounts, so the
 * session that creates its account first claims each address; a claim lasts as long as its session.
 */
export interface AddressClaims {
  /** Claims every address for the session, or none: 'taken' when another live session holds one. */
  claim(sessionId: string, threepids: Threepid[], until: number, now: number): Promise<'claimed' | 'taken'>;
}
