/** The operator audit log: who did what through the operator API, when, and what changed (never a secret). */

/** One operator action as it is recorded. */
export interface OperatorAction {
  /** The operator credential's name (`default` for the single key of older tenants). */
  operator: string;
  /** A dotted verb, e.g. `registration_token.created`, `signup.approved`, `terms.exported`. */
  action: string;
  /** What it acted on (a token's id, a request id, an export's filter), when there is one; never a secret. */
  target?: string;
  /** What changed: field → new value (or a summary). Never a secret; a token appears only by its id. */
  changes?: Record<string, string | number | boolean | null>;
}

/**
 * An action recorded before it was carried out (write-ahead): `attempted` until settled. An entry that
 * stays `attempted` may or may not have happened (the process stopped between the two writes).
 */
export type AuditOutcome = 'attempted' | 'done' | 'failed';

export interface AuditEntry extends OperatorAction {
  /** Unique and sortable by time. */
  id: string;
  /** Epoch ms. */
  at: number;
  /** Only on entries recorded before the action (`recordIntent`); the others record what was done. */
  outcome?: AuditOutcome;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface AuditLog {
  /** Records one action; rejects when it could not be kept (the caller then fails the request: no unaudited action succeeds silently). */
  record(action: OperatorAction, at: number): Promise<AuditEntry>;
  /**
   * Records an action about to be carried out, as `attempted`: the caller acts only once it is kept, then
   * settles it. So a failing audit write stops the action, and the action's own failure is recorded too.
   */
  recordIntent(action: OperatorAction, at: number): Promise<AuditEntry>;
  /** Settles an `attempted` entry once (a second settle changes nothing). */
  settle(entry: AuditEntry, outcome: 'done' | 'failed'): Promise<void>;
  /** Oldest first, from `since` (epoch ms, inclusive) on; entries past their retention at `now` are absent. */
  list(query: { since?: number; until?: number; after?: string; limit: number; now: number }): Promise<AuditPage>;
}
