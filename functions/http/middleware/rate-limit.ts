/** Per-client-IP rate limits as Hono middleware, on the same DynamoDB counters requestToken uses. */
import type { Context, MiddlewareHandler } from 'hono';
import { limitExceeded } from '../../matrix/errors.js';
import type { Clock, RateLimiter } from '../../ports/index.js';
import { clientNetwork } from './client-ip.js';
import type { KeyedHash } from '../../crypto/keyed-hash.js';

export interface PerIpOptions {
  /** Only these methods count (default: every method but OPTIONS). */
  methods?: string[];
  /** Answers a refused request itself (an HTML page, say); by default a Matrix 429 is thrown. */
  refuse?: (c: Context, retryAfterSeconds: number) => Response;
}

export function rateLimitPerIp(
  deps: { limiter: RateLimiter; clock: Clock; hasher: KeyedHash },
  name: string,
  limit: { max: number; windowSeconds: number },
  options: PerIpOptions = {},
): MiddlewareHandler {
  const counts = (method: string) => (options.methods ? options.methods.includes(method) : method !== 'OPTIONS');
  return async function rateLimited(c, next) {
    if (counts(c.req.method)) {
      // The counter's key holds a keyed hash of the client's network, never the address itself.
      const key = `${name}:ip:${deps.hasher.hash('rate-ip', clientNetwork(c))}`;
      const decision = await deps.limiter.hit(key, limit, deps.clock.now());
      if (!decision.allowed) {
        if (options.refuse) return options.refuse(c, decision.retryAfterSeconds);
        throw limitExceeded(decision.retryAfterSeconds);
      }
    }
    await next();
  };
}
