/**
 * A registration token as the store keeps it: found by a keyed hash of the token, the token itself
 * sealed (so the operator API can list it, as Synapse's does, but a table dump does not show it).
 * Live reservations are kept on the token item itself, each with its session's expiry, so a
 * reservation whose session expired counts for nothing from that moment: no sweeper needed.
 */
import type { LoginType } from '../matrix/login-types.js';

export interface TokenPrivileges {
  /** Stages a holder does not have to pass (for example `m.login.email.identity`). */
  skipStages?: LoginType[];
  /** Kept with the account record of every holder who registers. */
  label?: string;
}

export interface TokenRecord {
  /** Keyed hash of the token. */
  id: string;
  sealedToken: string;
  usesAllowed: number | null;
  completed: number;
  /** Epoch ms, or null for never. */
  expiryTime: number | null;
  privileges: TokenPrivileges;
  /** Session id → the session's expiry (epoch ms). */
  reservations: Record<string, number>;
  /** Bumped by every change of the counts; a reservation is written only against the version it read. */
  version: number;
  createdAt: number;
}

export const pendingOf = (record: TokenRecord, now: number) => Object.values(record.reservations).filter((until) => until > now).length;

/** Usable for one more registration: not expired, and a use left after the live reservations and completions. */
export function hasUseLeft(record: TokenRecord, now: number): boolean {
  if (record.expiryTime !== null && record.expiryTime <= now) return false;
  return record.usesAllowed === null || pendingOf(record, now) + record.completed < record.usesAllowed;
}

/** The token has not expired and still counts a live reservation for the session. */
export function holdsReservation(record: TokenRecord, sessionId: string, now: number): boolean {
  if (record.expiryTime !== null && record.expiryTime <= now) return false;
  return Object.hasOwn(record.reservations, sessionId) && (record.reservations[sessionId] ?? 0) > now;
}

export type ReserveOutcome = 'reserved' | 'stale' | 'session-has-token';

/** The session's hold on a token: pending until its account is created, then completed. */
export interface SessionReservation {
  sessionId: string;
  tokenId: string;
  state: 'pending' | 'completed';
  expiresAt: number;
}

export interface RegistrationTokenStore {
  /** False when a token with this id exists already. */
  put(record: TokenRecord): Promise<boolean>;
  get(id: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  /** Changes the settings; undefined when the token does not exist. */
  update(
    id: string,
    changes: { usesAllowed?: number | null; expiryTime?: number | null; privileges?: TokenPrivileges },
  ): Promise<TokenRecord | undefined>;
  delete(id: string): Promise<boolean>;
  /**
   * One transaction: the session's reservation item (only if the session holds none) and the token's
   * reservation entry, written only if the token is still at `record.version`; expired entries are dropped.
   */
  reserve(record: TokenRecord, sessionId: string, sessionExpiresAt: number, now: number): Promise<ReserveOutcome>;
  sessionReservation(sessionId: string): Promise<SessionReservation | undefined>;
  /** Turns the session's pending reservation into a completed use, if the token still holds it. */
  complete(reservation: SessionReservation): Promise<boolean>;
  /** Undoes `complete`: the use is pending again for the rest of the session's life. */
  uncomplete(reservation: SessionReservation): Promise<void>;
  /** The account record of a holder who registered: who, when, with which token and label. */
  recordAccount(userId: string, record: { tokenId: string; label?: string; registeredAt: number; sessionId: string }): Promise<void>;
}
