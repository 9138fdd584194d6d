/**
 * The gating checks of requestToken: disposable email domains, the send gate, and the tenant's daily
 * SMS ceiling. requestToken calls `admit` before it looks at the address and `beforeSend` right before
 * a message really goes out.
 */
import { limitExceeded, threepidDenied } from '../matrix/errors.js';
import type { Clock, RateLimiter, SendGuard } from '../ports/index.js';
import { inDomainSet } from './email-domains.js';
import type { GatePasses } from './gate.js';
import { ValidationPurpose } from '../model/validation-session.js';

export interface SendGuardDeps {
  clock: Clock;
  limiter: RateLimiter;
  disposableDomains?: ReadonlySet<string>;
  gate?: GatePasses;
  smsPerDay?: number;
}

const DAY_SECONDS = 24 * 3600;

export function gatingSendGuard(deps: SendGuardDeps): SendGuard {
  return {
    async admit({ medium, address, clientIp, gateSession, purpose = ValidationPurpose.Register, gated }) {
      // A reset goes to an address already bound; it is not judged again.
      const judged = purpose !== ValidationPurpose.Reset;
      if (judged && medium === 'email' && deps.disposableDomains && inDomainSet(address, deps.disposableDomains)) {
        throw threepidDenied('Disposable email addresses cannot be used on this server');
      }
      // The gate pays for sign-ups; after sign-up the account itself (its access token, its address) stands in
      // for it, unless the caller says no account does (an address added without an access token).
      if (gated ?? purpose === ValidationPurpose.Register) await deps.gate?.spend(gateSession, clientIp, deps.clock.now());
    },
    async beforeSend(medium) {
      if (medium !== 'msisdn' || deps.smsPerDay === undefined) return;
      // Windows are aligned to epoch multiples of a day: UTC days.
      const decision = await deps.limiter.hit(
        'sms:tenant-day',
        { max: deps.smsPerDay, windowSeconds: DAY_SECONDS, calendar: true },
        deps.clock.now(),
      );
      if (!decision.allowed) throw limitExceeded(decision.retryAfterSeconds);
    },
  };
}
