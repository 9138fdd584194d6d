/** What a password reset needs beyond the other ports: its sessions in the table, and the homeserver's admin API. */
import type { Threepid } from '../model/medium.js';
import type { ResetProof, ResetSession } from '../model/reset-session.js';

/** The outcome of claiming the reset: won, lost to a concurrent call (with what the session holds now), or the proof spent. */
export type ResetClaim = { won: true; session: ResetSession } | { won: false; current?: ResetSession } | { won: false; proofUsed: true };

export interface ResetSessionStore {
  create(session: ResetSession): Promise<void>;
  /** A consistent read; an expired session is absent. */
  get(id: string, now: number): Promise<ResetSession | undefined>;
  /** Keeps the new password of a call that did not finish the reset (only while the session is open). */
  keepPassword(id: string, sealedPassword: string, logoutDevices: boolean, now: number): Promise<void>;
  /**
   * Claims the reset in one transaction: the session is open (or an earlier claim's lease ran out), and the
   * proof's validation (sid) has not finished another reset. The session records the proof and the password.
   */
  claim(
    id: string,
    claim: { proof: ResetProof; sealedPassword: string; logoutDevices: boolean; lease: { owner: string; until: number } },
    now: number,
  ): Promise<ResetClaim>;
  /** Gives the claim back after a failure the client may retry. */
  release(id: string, owner: string): Promise<void>;
  /** Done: the password deleted, the user and a keyed hash of the password kept, in one conditional write. */
  finish(id: string, owner: string, done: { userId: string; passwordHash: string }): Promise<boolean>;
  /** The reset session that spent a validation (sid), if one did. */
  proofUsedBy(sid: string): Promise<string | undefined>;
}

/** The state of an account as the homeserver's admin API reports it. */
export type AccountState = 'active' | 'deactivated' | 'missing';

/** The homeserver's side of a reset (Synapse's admin API; the admin token is required). */
export interface AccountRecovery {
  findUserByThreepid(threepid: Threepid): Promise<string | undefined>;
  accountState(userId: string): Promise<AccountState>;
  /** `POST /_synapse/admin/v1/reset_password/<user_id>`; `logoutDevices` ends every session of the account. */
  resetPassword(userId: string, newPassword: string, logoutDevices: boolean): Promise<void>;
}
