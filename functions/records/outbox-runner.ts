/**
 * Runs outbox tasks: once right away (so a sign-up's event or room join usually happens before the answer),
 * and again by a sweep (scheduled in AWS, on a timer in `npm start`, or asked for through the operator API)
 * until it succeeds. A part without the executor of a task's kind (the register function puts nothing on
 * the event bus itself, to stay small) only keeps the task: the sweep, which has every executor, runs it. A failure waits longer each time (30 s doubling up to the tenant's maximum); nothing
 * is ever dropped, so a task that keeps failing stays listed for operators.
 */
import type { Logger } from '../model/log.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox, OutboxExecutor, OutboxItem, OutboxTask } from '../ports/outbox.js';

export interface OutboxRunnerDeps {
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  /** Executor per task kind. */
  executors: Record<string, OutboxExecutor>;
  /** How long one try may hold a task before another may take it over. */
  leaseMs: number;
  maxRetryDelayMs: number;
  /** How long a task's key de-duplicates a second `enqueue` of the same work. */
  dedupeMs: number;
}

const FIRST_RETRY_MS = 30_000;
/** A sweep reads the outbox this many tasks at a time, and at most this many in all. */
const SWEEP_PAGE = 100;
const SWEEP_READ_MAX = 2000;

export class OutboxRunner {
  constructor(private readonly deps: OutboxRunnerDeps) {}

  /**
   * Keeps the tasks (each once per key) and tries the new ones this part can run right away; the others
   * wait for the sweep. Rejects only when they cannot be kept.
   */
  async enqueue(tasks: OutboxTask[]): Promise<void> {
    const now = this.deps.clock.now();
    const added = await Promise.all(tasks.map((task) => this.deps.outbox.add(task, now, this.deps.dedupeMs)));
    const runnable = tasks.filter((task, i) => added[i] && this.deps.executors[task.kind]);
    await Promise.all(runnable.map((task) => this.tryOnce(task.key)));
  }

  /**
   * Tries the tasks that are due, at most `limit` of them, reading page after page (tasks that wait for
   * their next try never hide due ones behind them); returns how many were done and how many of those
   * read are still pending.
   */
  async sweep(limit = 100): Promise<{ done: number; pending: number }> {
    let after: string | undefined;
    let [tried, done, pending, read] = [0, 0, 0, 0];
    do {
      const page = await this.deps.outbox.pending(SWEEP_PAGE, after);
      const now = this.deps.clock.now();
      const due = page.items.filter((item) => item.nextAttemptAt <= now).slice(0, limit - tried);
      const results = await Promise.all(due.map((item) => this.tryOnce(item.key)));
      const doneHere = results.filter(Boolean).length;
      [tried, done, pending, read] = [
        tried + due.length,
        done + doneHere,
        pending + page.items.length - doneHere,
        read + page.items.length,
      ];
      after = page.next;
    } while (after && tried < limit && read < SWEEP_READ_MAX);
    return { done, pending };
  }

  /** One try: claimed first, so two sweeps never run one task at the same time. */
  private async tryOnce(key: string): Promise<boolean> {
    const { outbox, clock, log } = this.deps;
    try {
      const now = clock.now();
      const item = await outbox.claim(key, now, now + this.deps.leaseMs);
      if (!item) return false;
      const executor = this.deps.executors[item.kind];
      try {
        if (!executor) throw new Error(`no executor for ${item.kind}`);
        await executor(item.body);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await outbox.failed(key, clock.now() + this.delayAfter(item), reason);
        log.warn('outbox_task_failed', { kind: item.kind, key, attempts: item.attempts, reason });
        return false;
      }
      await outbox.done(key);
      log.info('outbox_task_done', { kind: item.kind, key, attempts: item.attempts });
      return true;
    } catch (error) {
      // The table itself failed: the task stays as it was and a later sweep takes it.
      log.error('outbox_unavailable', { key, reason: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }

  private delayAfter(item: OutboxItem): number {
    return Math.min(this.deps.maxRetryDelayMs, FIRST_RETRY_MS * 2 ** Math.max(0, item.attempts - 1));
  }
}
