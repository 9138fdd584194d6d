/** Per-client-IP rate limits as Hono middleware, on the same DynamoDB counters requestToken uses. */
import type { MiddlewareHandler } from 'hono';
import { ErrCode } from '../matrix/errcodes.js';
import { MatrixError } from '../matrix/matrix-error.js';
import type { Clock, RateLimiter } from '../ports.js';
import { clientIp } from '../routes/client-ip.js';
import type { KeyedHash } from '../crypto/keyed-hash.js';

export const limitExceeded = (retryAfterSeconds: number) =>
  new MatrixError(429, ErrCode.LimitExceeded, 'Too many requests; try again later', { retry_after_ms: retryAfterSeconds * 1000 }, { 'Retry-After': String(retryAfterSeconds) });

export function rateLimitPerIp(
  deps: { limiter: RateLimiter; clock: Clock; hasher: KeyedHash },
  name: string,
  limit: { max: number; windowSeconds: number },
): MiddlewareHandler {
  return async function rateLimited(c, next) {
    if (c.req.method !== 'OPTIONS') {
      // The counter's key holds a keyed hash of the IP, not the IP itself.
      const key = `${name}:ip:${deps.hasher.hash('rate-ip', clientIp(c))}`;
      const decision = await deps.limiter.hit(key, limit, deps.clock.now());
      if (!decision.allowed) throw limitExceeded(decision.retryAfterSeconds);
    }
    await next();
  };
}
