/** The registration session: what a UIA session has gathered so far, as the engine and the store see it. */
import type { LoginType } from '../matrix/login-types.js';

/** What a stage keeps when it passes (when, and anything worth auditing, such as policy versions). */
export interface StageRecord {
  at: number;
  [detail: string]: unknown;
}

/** What the client asked for its new device; taken from the call that finishes, else from the first call. */
export interface DeviceRequest {
  deviceId?: string;
  initialDeviceDisplayName?: string;
  inhibitLogin: boolean;
  refreshToken: boolean;
}

export type SessionStatus = 'open' | 'creating' | 'done';

export interface RegistrationSession {
  id: string;
  createdAt: number;
  /** Epoch ms; a session past it is absent, whether or not DynamoDB's TTL has deleted it yet. */
  expiresAt: number;
  status: SessionStatus;
  stages: Partial<Record<LoginType, StageRecord>>;
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
}

/** A stage record may list other stages it stands in for (a registration token that skips email). */
export const GRANTS_FIELD = 'grants';

/** The stages done, in the order they were done; stages granted by a passed stage count as done with it. */
export const completedStages = (session: RegistrationSession): LoginType[] => {
  const done: LoginType[] = [];
  for (const [type, record] of (Object.entries(session.stages) as [LoginType, StageRecord][]).sort(([, a], [, b]) => a.at - b.at)) {
    const granted = Array.isArray(record[GRANTS_FIELD]) ? (record[GRANTS_FIELD] as LoginType[]) : [];
    for (const stage of [type, ...granted]) if (!done.includes(stage)) done.push(stage);
  }
  return done;
};
