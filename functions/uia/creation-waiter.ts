/**
 * Decides who creates the account when several final calls arrive together: one claims it, the others
 * wait for its result (or take over if its claim runs out), so one session makes one account.
 */
import { limitExceeded, unknownSession } from '../matrix/errors.js';
import type { Clock, CreationLease, SessionStore } from '../ports/index.js';
import type { RegistrationSession } from '../model/session.js';

const POLL_MS = [20, 40, 80, 160, 250];

export class CreationWaiter {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves to the session claimed under `lease`, or to the session some other call finished (or queued). */
  async claim(session: RegistrationSession, lease: CreationLease): Promise<RegistrationSession> {
    const started = Date.now();
    let current: RegistrationSession | undefined = session;
    for (let round = 0; current; round++) {
      // Done, or waiting for an operator: nothing to claim; the caller answers accordingly.
      if (current.status === 'done' || current.status === 'pending') return current;
      const claimable =
        current.status === 'open' || current.status === 'approved' || (current.creation?.leaseUntil ?? 0) <= this.clock.now();
      if (claimable) {
        const claimed = await this.store.acquireCreation(current.id, lease, this.clock.now());
        if (claimed.won) return claimed.session;
        current = claimed.current;
        continue;
      }
      if (Date.now() - started > this.maxWaitMs) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS[Math.min(round, POLL_MS.length - 1)]));
      current = await this.store.get(current.id, this.clock.now());
    }
    if (!current) throw unknownSession();
    // The claim may belong to a call that died: after its lease, a retry takes over and finishes the job.
    const seconds = Math.max(1, Math.ceil(((current.creation?.leaseUntil ?? 0) - this.clock.now()) / 1000));
    throw limitExceeded(seconds, 'The account is still being created; try again shortly');
  }
}
