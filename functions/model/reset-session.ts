/** A password reset's UIA session: the new password (sealed) until it is set, the address it was proven with, its state. */
import type { Medium } from './medium.js';

export type ResetStatus = 'open' | 'resetting' | 'done';

/** The address a validation session confirmed for this reset, and which validation (sid) it was. */
export interface ResetProof {
  medium: Medium;
  address: string;
  sid: string;
}

export interface ResetSession {
  id: string;
  createdAt: number;
  /** Epoch ms; a session past it is absent, whether or not DynamoDB's TTL has deleted it yet. */
  expiresAt: number;
  status: ResetStatus;
  /** The new password, sealed with the tenant key; deleted once it is set. */
  sealedPassword?: string;
  logoutDevices: boolean;
  proof?: ResetProof;
  /** While one call holds the right to set the password. */
  lease?: { owner: string; until: number };
  /** Once done: whose password was set, and a keyed hash of it (so a retried final call is recognised). */
  userId?: string;
  passwordHash?: string;
}
