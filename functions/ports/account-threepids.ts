/**
 * Addresses added to an account after sign-up (`/account/3pid/add`): the homeserver side (the password
 * check, the binding) and the store side (the UIA sessions of the add, the lock on a user's address list).
 */
import type { Threepid } from '../model/medium.js';

export interface AccountThreepids {
  /**
   * Whether `password` opens the account, asked with the account's own access token. No device is made:
   * nothing is left behind whatever the answer. 'unknown-token' when the token died meanwhile.
   */
  checkPassword(accessToken: string, userId: string, password: string): Promise<'ok' | 'wrong-password' | 'unknown-token'>;
  /** Binds the address to the account unless it already is; every other address the account has stays. */
  bind(userId: string, threepid: Threepid): Promise<void>;
  /** The user an address is bound to, if any. */
  findUserByThreepid(threepid: Threepid): Promise<string | undefined>;
}

/** One `/account/3pid/add` UIA session: whose, for which validation, and how far it got. */
export interface AddSession {
  id: string;
  userId: string;
  sid: string;
  /** Keyed hash of the client secret the session began with; a later call must bring the same one. */
  clientSecretHash: string;
  expiresAt: number;
  /** When the password stage passed. */
  passwordAt?: number;
  /** When the address was bound: a retry then answers as the first call did, and binds nothing. */
  boundAt?: number;
}

export interface AddSessionStore {
  create(session: AddSession): Promise<void>;
  /** A consistent read; expired sessions are absent. */
  get(id: string, now: number): Promise<AddSession | undefined>;
  /** Records the password stage (its first time is kept). */
  passPassword(id: string, at: number): Promise<void>;
  markBound(id: string, at: number): Promise<void>;
  /**
   * One change of a user's address list at a time (the homeserver's list is read, then written whole):
   * false while another live holder has it.
   */
  lockList(userId: string, owner: string, until: number, now: number): Promise<boolean>;
  unlockList(userId: string, owner: string): Promise<void>;
}
