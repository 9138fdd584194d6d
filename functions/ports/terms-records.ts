/**
 * Terms acceptance records: for each account (or pending request), which policy, which version, which
 * language, when, and from which client IP (as a keyed hash). What a data-protection officer asks for.
 */

export interface TermsAcceptance {
  /** The UIA session that accepted them: with `policy`, what makes a record unique. */
  sessionId: string;
  policy: string;
  version: string;
  /** The language the policy was shown in (its text in that language, as the sign-up chose it). */
  lang: string;
  /** Epoch ms when the terms stage passed. */
  acceptedAt: number;
  /** Keyed hash of the client IP that accepted (never the IP itself). */
  ipHash?: string;
  /** The account it belongs to, once made. */
  userId?: string;
  /** The pending request it belongs to, while an operator decides. */
  requestId?: string;
}

export interface TermsPage {
  records: TermsAcceptance[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface TermsRecordStore {
  /**
   * Writes the record once: 'written', or 'existed' when this session's record of this policy was
   * written before; then only a missing `userId` / `requestId` is filled in. Kept until `expiresAt`.
   */
  put(record: TermsAcceptance, expiresAt: number): Promise<'written' | 'existed'>;
  /** A creation refused for good: the record no longer names an account (and goes, unless a request holds it). */
  forget(record: Pick<TermsAcceptance, 'sessionId' | 'policy' | 'acceptedAt'>, userId: string): Promise<void>;
  /** Oldest first; expired records are absent. */
  list(query: { since?: number; until?: number; after?: string; limit: number; now: number }): Promise<TermsPage>;
}
