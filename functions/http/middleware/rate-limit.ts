/** Per-client-IP rate limits as Hono middleware, on the same DynamoDB counters requestToken uses. */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { limitExceeded, MatrixError } from '../../matrix/errors.js';
import { currentRequest } from '../../model/request-context.js';
import type { Clock, RateDecision, RateLimiter } from '../../ports/index.js';
import { clientNetwork } from './client-ip.js';
import type { KeyedHash } from '../../crypto/keyed-hash.js';

export interface PerIpOptions {
  /** Only these methods count (default: every method but OPTIONS). */
  methods?: string[];
  /** Answers a refused request itself (an HTML page, say); by default a Matrix 429 is thrown. */
  refuse?: (c: Context, retryAfterSeconds: number) => Response;
  /**
   * Decides beside the handler instead of before it: the hit and the handler's first store write share a
   * round trip. Only for handlers that await `admitted()` (model/request-context.ts) before anything a
   * refused request must not do; whatever else they did is harmless (a free stage recorded), and the client
   * still gets the 429.
   */
  beside?: boolean;
}

export function rateLimitPerIp(
  deps: { limiter: RateLimiter; clock: Clock; hasher: KeyedHash },
  name: string,
  limit: { max: number; windowSeconds: number },
  options: PerIpOptions = {},
): MiddlewareHandler {
  // The counter's key holds a keyed hash of the client's network, never the address itself.
  const hit = (c: Context) => deps.limiter.hit(`${name}:ip:${deps.hasher.hash('rate-ip', clientNetwork(c))}`, limit, deps.clock.now());
  const counts = (method: string) => (options.methods ? options.methods.includes(method) : method !== 'OPTIONS');
  return async function rateLimited(c, next) {
    if (options.beside && counts(c.req.method) && currentRequest()) return decideBeside(c, next, hit(c));
    if (counts(c.req.method)) {
      const decision = await hit(c);
      if (!decision.allowed) {
        if (options.refuse) return options.refuse(c, decision.retryAfterSeconds);
        throw limitExceeded(decision.retryAfterSeconds);
      }
    }
    await next();
  };
}

async function decideBeside(c: Context, next: Next, decided: Promise<RateDecision>): Promise<Response | undefined> {
  const request = currentRequest()!;
  const admission = decided.then((decision) => {
    if (!decision.allowed) throw limitExceeded(decision.retryAfterSeconds);
  });
  // Awaited below whatever the handler does; never left unhandled meanwhile.
  admission.catch(() => undefined);
  request.admission = admission;
  await next();
  try {
    await admission;
  } catch (error) {
    // The handler did not need the decision (or did not get that far): the refusal is still the answer.
    if (!(error instanceof MatrixError)) throw error;
    if (c.res.status !== 429) c.res = c.json(error.toJSON(), error.status, error.headers);
  }
  return undefined;
}
