/** The sign-up counters kept in the tenant table, one item per UTC hour, for the operator console's funnel. */
import type { HourCounts, SignupCounts } from '../model/signup-counts.js';

export interface SignupCounters {
  /** Adds the counts to the hour `at` falls in (one write; counts are added, so concurrent writers never lose one). */
  add(counts: Partial<SignupCounts>, at: number): Promise<void>;
  /** The hours from `from` (inclusive) to `until` (exclusive) that counted anything, oldest first. */
  read(range: { from: number; until: number }): Promise<HourCounts[]>;
}
