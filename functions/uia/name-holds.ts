/**
 * What holding a username costs. A first call holds its name only briefly (until a stage is passed, then
 * for the session's life), each client IP may make only so many holds at a time, and the resume of a
 * first call whose answer was lost is allowed only just after it, a few tries per name.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { limitExceeded } from '../matrix/errors.js';
import { clientCountKey, REGISTER_COUNT } from '../model/client-counts.js';
import { beginAdmissionWith } from '../model/request-context.js';
import type { CountHit, RateLimiter } from '../ports/index.js';

/** A lost first answer is retried at once by clients; later, the name is simply in use. */
export const RESUME_WINDOW_MS = 120_000;
/** Password tries a name's pending session admits through a resume, within its window. */
const RESUME_TRIES_PER_NAME = 3;

export interface NameHoldSettings {
  holdMs: number;
  perClientIp: number;
  /** How long the client's item is kept at least: its holds share it with its /register count (gating.ts). */
  keepSeconds: number;
}

export class NameHolds {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly hasher: KeyedHash,
    readonly settings: NameHoldSettings,
  ) {}

  /** When a new hold taken now lapses unless a stage is passed. */
  holdUntil(now: number): number {
    return now + this.settings.holdMs;
  }

  /**
   * Counts a new hold against the client's address (an IPv6 client's network); 429 when it holds too many already.
   * The holds are kept on the item of the client's /register count: a first call spends both in one write.
   */
  async admit(clientNetwork: string, now: number): Promise<void> {
    const { perClientIp, holdMs, keepSeconds } = this.settings;
    const hold: CountHit = { name: 'hold', limit: { max: perClientIp, windowSeconds: Math.ceil(holdMs / 1000), keepSeconds } };
    const key = clientCountKey(this.hasher, REGISTER_COUNT, clientNetwork);
    const joined = beginAdmissionWith(key, [hold]);
    const decision = joined ? (await joined)[1]! : (await this.limiter.hitTogether(key, [hold], now))[0]!;
    if (!decision.allowed) {
      throw limitExceeded(decision.retryAfterSeconds, 'Too many usernames held from this address; try again later');
    }
  }

  /** Counted before the password is compared, so that a pending sign-up is no password oracle. */
  async mayTryResume(localpart: string, now: number): Promise<boolean> {
    const windowSeconds = Math.ceil(RESUME_WINDOW_MS / 1000);
    const decision = await this.limiter.hit(
      `resume:${this.hasher.hash('resume-name', localpart)}`,
      { max: RESUME_TRIES_PER_NAME, windowSeconds },
      now,
    );
    return decision.allowed;
  }
}
