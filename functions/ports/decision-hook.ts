/** The tenant's decision hook: its own system says, before an account is made, whether and how it is made. */
import type { Threepid } from '../model/medium.js';
import type { Enrichment } from '../model/session.js';

/** What the hook is told of a sign-up: never the password. */
export interface SignupFactsForHook {
  localpart: string;
  userId: string;
  threepids: Threepid[];
  tokenLabel?: string;
  termsAccepted?: Record<string, string>;
  /** The login types of the stages passed. */
  stages: string[];
  lang?: string;
  /** Keyed hash of the client IP. */
  ipHash?: string;
}

export type HookAnswer =
  | { decision: 'allow'; enrichment?: Enrichment }
  | { decision: 'deny'; message: string }
  | { decision: 'queue'; enrichment?: Enrichment };

export interface DecisionHook {
  /** Throws DecisionHookUnavailable when no usable answer came in time. */
  decide(facts: SignupFactsForHook): Promise<HookAnswer>;
}

/** The hook did not answer in time, or answered something unusable: the tenant's fail-open/closed setting decides. */
export class DecisionHookUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionHookUnavailable';
  }
}
