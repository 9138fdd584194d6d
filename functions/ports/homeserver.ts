/** The homeserver the accounts are made on (Synapse's admin API behind adapters/synapse/), and the hooks around that. */
import type { Threepid } from '../model/medium.js';
import type { DeviceRequest, RegistrationSession } from '../model/session.js';

/** A name the homeserver refuses comes back as a HomeserverError 'invalid-username' with its reason. */
export type UsernameAvailability = 'available' | 'in-use' | 'unchecked';

export interface NewAccount {
  localpart: string;
  password: string;
  device: DeviceRequest;
  /** Validated addresses to bind to the account. */
  threepids: Threepid[];
  /** Set in the creation call itself where the mode allows (the decision hook's enrichment). */
  displayName?: string;
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
  /**
   * Optional: starts what a creation will first need from the homeserver (shared-secret registration's
   * nonce) beside the write that claims it. Never fails; a creation without it fetches what it needs.
   */
  prepareCreation?(): void;
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

/** Runs around account creation; the registration engine calls each hook in order. */
export interface CreationHook {
  /** Just before the homeserver is asked; may refuse with a MatrixError (nothing is created then). */
  beforeCreate(session: RegistrationSession): Promise<void>;
  /** The creation failed for certain (a 4xx the client cannot retry into success): undo `beforeCreate`. */
  refused(session: RegistrationSession): Promise<void>;
  created(session: RegistrationSession, userId: string): Promise<void>;
}
