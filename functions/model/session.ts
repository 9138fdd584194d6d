/** The registration session: what a UIA session has gathered so far, as the engine and the store see it. */
import { LoginType } from '../matrix/login-types.js';
import type { Medium } from './medium.js';

/**
 * What each stage keeps when it passes, beside when it passed: what is worth auditing (policy versions,
 * the captcha's site) and what account creation needs later (the verified address, the token used).
 * Stored as is under the stage's login type, so these shapes are the DynamoDB item's shapes too.
 */
export type StageDetails = {
  [LoginType.Dummy]: Record<never, never>;
  /**
   * Policy id → the version accepted; `lang`: policy id → the language its text was shown in; `ipHash`:
   * the client IP's keyed hash (the terms acceptance record is made of these).
   */
  [LoginType.Terms]: { accepted: Record<string, string>; lang?: Record<string, string>; ipHash?: string };
  /** `grants`: stages the token stands in for (its `skipStages`); `label` rides along to the account record. */
  [LoginType.RegistrationToken]: { tokenId: string; grants?: LoginType[]; label?: string };
  /** `hostname`: where the provider says the captcha was solved. */
  [LoginType.Recaptcha]: { provider: string; hostname: string };
  [LoginType.EmailIdentity]: VerifiedAddress;
  [LoginType.Msisdn]: VerifiedAddress;
};

/**
 * A 3PID stage's record: the address its validation session confirmed, and when; for a phone number, the
 * country it was found to belong to when it was parsed (absent on records made before it was kept).
 */
export type VerifiedAddress = { medium: Medium; address: string; validatedAt: number; country?: string };

/** One stage's record, of the kind its login type says. */
export type StageRecord<T extends LoginType = LoginType> = { [K in T]: { at: number } & StageDetails[K] }[T];

/** The records of the stages passed, each under its own login type. */
export type StageRecords = { [K in LoginType]?: StageRecord<K> };

/** What the client asked for its new device; taken from the call that finishes, else from the first call. */
export interface DeviceRequest {
  deviceId?: string;
  initialDeviceDisplayName?: string;
  inhibitLogin: boolean;
  refreshToken: boolean;
}

/**
 * `pending`: the flow is done but the account waits for an operator (the sealed password kept until the
 * request's deadline); `approved`: an operator approved it and the account is yet to be made.
 */
export type SessionStatus = 'open' | 'creating' | 'done' | 'pending' | 'approved';

/** What the decision hook added to the account it allowed: never the admin flag. */
export interface Enrichment {
  displayName?: string;
  /** Room IDs or aliases to join after creation (onboarding joins them). */
  rooms?: string[];
}

export interface RegistrationSession {
  id: string;
  createdAt: number;
  /** Epoch ms; a session past it is absent, whether or not DynamoDB's TTL has deleted it yet. */
  expiresAt: number;
  status: SessionStatus;
  stages: StageRecords;
  /** Normalised localpart, reserved for this session while it lives. */
  username?: string;
  /** The password, sealed with the tenant key; removed once the account exists. */
  sealedPassword?: string;
  device: DeviceRequest;
  /** Set while one call holds the right to create the account; `attempts` > 0 means it may exist already. */
  creation?: { owner: string; leaseUntil: number; attempts: number };
  userId?: string;
  /** The 200 answer given when the account was created, sealed; replayed to a retried final call. */
  sealedResult?: string;
  /** The approval rules and the decision hook let this session's account be made (or an operator approved it). */
  admitted?: boolean;
  /** Set by the decision hook; kept while the request waits for approval. */
  enrichment?: Enrichment;
  /** The pending request this session became (status `pending` or `approved`). */
  requestId?: string;
  /** The display name the person gave on the sign-up page's account step (not part of `POST /register`). */
  displayName?: string;
}

/** The account's display name: the decision hook's enrichment wins over what the person typed. */
export const accountDisplayName = (session: RegistrationSession): string | undefined =>
  session.enrichment?.displayName ?? session.displayName;

/** The session with one more stage record (the record's type decides where it goes). */
export const withStage = <T extends LoginType>(session: RegistrationSession, type: T, record: StageRecord<T>): RegistrationSession => ({
  ...session,
  stages: { ...session.stages, [type]: record },
});

/** The stages a passed stage stands in for: a registration token may skip others (email, say). */
const grantedBy = (type: LoginType, record: StageRecord): LoginType[] =>
  type === LoginType.RegistrationToken ? ((record as StageRecord<typeof LoginType.RegistrationToken>).grants ?? []) : [];

/** The stages done, in the order they were done; stages granted by a passed stage count as done with it. */
export const completedStages = (session: RegistrationSession): LoginType[] => {
  const done: LoginType[] = [];
  for (const [type, record] of (Object.entries(session.stages) as [LoginType, StageRecord][]).sort(([, a], [, b]) => a.at - b.at)) {
    for (const stage of [type, ...grantedBy(type, record)]) if (!done.includes(stage)) done.push(stage);
  }
  return done;
};
