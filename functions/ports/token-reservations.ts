/** Registration tokens as the `m.login.registration_token` stage sees them (policy/registration-tokens.ts implements it). */
import type { TokenPrivileges } from '../model/token-record.js';

/** `other-token`: the session already reserved a use of a different token. */
export type ReserveResult = { ok: true; tokenId: string; privileges: TokenPrivileges } | { ok: false; reason: 'invalid' | 'other-token' };

export interface TokenReservations {
  /** Reserves one use for the session; the same token again in the same session passes without a second use. */
  reserve(token: string, sessionId: string, sessionExpiresAt: number, now: number): Promise<ReserveResult>;
}
