/** Checks a token submitted for a validation session: by the link in a mail, or by a code typed from an SMS. */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import type { Clock, SubmitRefusal, ThreepidStore } from '../ports/index.js';
import type { Medium } from '../model/medium.js';
import { Purpose } from './secrets.js';
import type { ThreepidConfig } from './threepid-config.js';
import type { ValidationSession } from '../model/validation-session.js';
import { CLIENT_SECRET, SID } from '../matrix/identifiers.js';

/** What a submission came to; the pages (web/threepid-pages.ts) have one page per kind. */
export type SubmitResult = { kind: 'validated'; session: ValidationSession } | { kind: 'wrong-token' | 'bad-request' | SubmitRefusal };

const TOKEN_SHAPE = /^[0-9a-zA-Z]{1,255}$/;

export class TokenSubmissions {
  constructor(private readonly deps: { config: ThreepidConfig; store: ThreepidStore; hasher: KeyedHash; clock: Clock }) {}

  /**
   * `medium`: each endpoint validates only its own medium (the mailed link email, the submit_url phone).
   * A session of the other medium is unknown there and spends none of its attempts, so a code typed at
   * the wrong place can neither validate it nor lock its owner out.
   */
  async submit(
    medium: Medium,
    sid: string | undefined,
    clientSecret: string | undefined,
    token: string | undefined,
  ): Promise<SubmitResult> {
    if (!sid || !clientSecret || !token || !SID.test(sid) || !CLIENT_SECRET.test(clientSecret) || !TOKEN_SHAPE.test(token)) {
      return { kind: 'bad-request' };
    }
    const { store, hasher, clock, config } = this.deps;
    const now = clock.now();
    // A sid is derived from its medium, so the medium read here cannot change before the attempt is counted.
    const stored = await store.get(sid, now);
    if (stored && stored.medium !== medium) return { kind: 'unknown' };
    // The stored hash when the secret matches it under any listed key (a session begun before a key rotation).
    const secretHash =
      stored && hasher.matches(Purpose.ClientSecret, clientSecret, stored.clientSecretHash)
        ? stored.clientSecretHash
        : hasher.hash(Purpose.ClientSecret, clientSecret);
    const session = await store.consumeAttempt(sid, secretHash, config.maxCodeAttempts, now);
    if (typeof session === 'string') return { kind: session };
    if (!hasher.matches(Purpose.Token, token, session.tokenHash)) return { kind: 'wrong-token' };
    // A link clicked again still confirms; the validation keeps its first time.
    if (session.validatedAt !== undefined) return { kind: 'validated', session };
    const validated = await store.markValidated(sid, session.tokenHash, now, now + this.lifetimeMs(session));
    return validated ? { kind: 'validated', session: validated } : { kind: 'wrong-token' };
  }

  /**
   * Whether `sid` names an email validation that its mailed link has confirmed (and that has not lapsed).
   * Only a yes or no: the sign-up page tells a person who opened the link in another browser where to go on.
   */
  async emailValidated(sid: string | undefined): Promise<boolean> {
    if (!sid || !SID.test(sid)) return false;
    const session = await this.deps.store.get(sid, this.deps.clock.now());
    return session?.medium === 'email' && session.validatedAt !== undefined;
  }

  private lifetimeMs(session: ValidationSession): number {
    const { email, msisdn } = this.deps.config;
    const seconds = session.medium === 'email' ? email?.tokenLifetimeSeconds : msisdn?.tokenLifetimeSeconds;
    return (seconds ?? 3600) * 1000;
  }
}
