/**
 * What this process last saw of each recent open session: the stages it had passed. A hint, never a fact: a
 * stage written without reading the session first (unread-stage.ts) uses it to send the one write that should
 * land, instead of one write for each way the stage may end. Another instance may have moved the session since;
 * the write's own condition then fails and the usual path reads the session, so a stale hint costs a round
 * trip, never a wrong answer.
 */
import type { LoginType } from '../matrix/login-types.js';
import type { RegistrationSession } from '../model/session.js';

/** Sessions kept (a few hundred bytes each); the one seen longest ago goes first. */
const MAX_SESSIONS = 10_000;

export class SessionHints {
  private readonly seen = new Map<string, { passed: LoginType[]; expiresAt: number }>();

  constructor(private readonly max = MAX_SESSIONS) {}

  /** Keeps what `session` says now; a session no longer open has nothing left to guess about. */
  remember(session: RegistrationSession): void {
    this.seen.delete(session.id);
    if (session.status !== 'open') return;
    this.seen.set(session.id, { passed: Object.keys(session.stages) as LoginType[], expiresAt: session.expiresAt });
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
  }

  /** The stages a live session had passed when this process last saw it (not those a token's grants stand for). */
  passed(id: string, now: number): readonly LoginType[] | undefined {
    const hint = this.seen.get(id);
    if (!hint) return undefined;
    if (hint.expiresAt > now) return hint.passed;
    this.seen.delete(id);
    return undefined;
  }
}
