/**
 * The outbox: work that must happen at least once after a sign-up step (an event to a bus or webhook, a
 * room join), kept in the tenant table until it is done, so a failed try is retried and never lost.
 */

export interface OutboxTask {
  /** Unique per piece of work and stable across retries (e.g. `event:webhook:signup.completed:<session>`). */
  key: string;
  /** Which executor does it: `event:eventbridge`, `event:webhook`, `onboarding`. */
  kind: string;
  /** What the executor needs; never a secret. */
  body: Record<string, unknown>;
}

export interface OutboxItem extends OutboxTask {
  createdAt: number;
  attempts: number;
  /** Not tried again before this (epoch ms); while a try runs, the end of its lease. */
  nextAttemptAt: number;
  /** The last failure, as a short reason without secrets. */
  lastError?: string;
}

export interface Outbox {
  /** Adds the task unless a task with its key was added in the last `dedupeMs` (then false: nothing is added). */
  add(task: OutboxTask, now: number, dedupeMs: number): Promise<boolean>;
  /** Takes the task for one try until `leaseUntil`, unless another try holds it or it is done: the second claim loses. */
  claim(key: string, now: number, leaseUntil: number): Promise<OutboxItem | undefined>;
  done(key: string): Promise<void>;
  failed(key: string, retryAt: number, error: string): Promise<void>;
  /** Tasks not done yet (oldest first): due ones first tried by a sweep; listed for operators. */
  pending(limit: number, after?: string): Promise<{ items: OutboxItem[]; next?: string }>;
}

/** Does one kind of task; throws when it failed (it is then retried). */
export type OutboxExecutor = (body: Record<string, unknown>) => Promise<void>;
