/** Per-client-IP rate limits as Hono middleware, on the same DynamoDB counters requestToken uses. */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { limitExceeded, MatrixError } from '../../matrix/errors.js';
import { clientCountKey } from '../../model/client-counts.js';
import { type CountBeside, currentRequest } from '../../model/request-context.js';
import type { Clock, CountHit, RateDecision, RateLimit, RateLimiter } from '../../ports/index.js';
import { clientNetwork } from './client-ip.js';
import type { KeyedHash } from '../../crypto/keyed-hash.js';

export interface PerIpOptions {
  /** Only these methods count (default: every method but OPTIONS). */
  methods?: string[];
  /** Answers a refused request itself (an HTML page, say); by default a Matrix 429 is thrown. */
  refuse?: (c: Context, retryAfterSeconds: number) => Response;
  /**
   * Decides beside the handler instead of before it: the handler begins the count at its first store write
   * (beginAdmission), so that the two share a round trip, and may add counts kept on the same item to that write
   * (beginAdmissionWith); what the handler did not begin is counted once it is done. Only for handlers that await
   * `admitted()` (model/request-context.ts) before anything a refused request must not do; whatever else they
   * did is harmless (a free stage recorded), and the client still gets the 429.
   */
  beside?: boolean;
}

export function rateLimitPerIp(
  deps: { limiter: RateLimiter; clock: Clock; hasher: KeyedHash },
  name: string,
  limit: RateLimit,
  options: PerIpOptions = {},
): MiddlewareHandler {
  const keyOf = (c: Context) => clientCountKey(deps.hasher, name, clientNetwork(c));
  const counts = (method: string) => (options.methods ? options.methods.includes(method) : method !== 'OPTIONS');
  return async function rateLimited(c, next) {
    if (options.beside && counts(c.req.method) && currentRequest()) return decideBeside(c, next, countBeside(deps, keyOf(c), limit));
    if (counts(c.req.method)) {
      const decision = await deps.limiter.hit(keyOf(c), limit, deps.clock.now());
      if (!decision.allowed) {
        if (options.refuse) return options.refuse(c, decision.retryAfterSeconds);
        throw limitExceeded(decision.retryAfterSeconds);
      }
    }
    await next();
  };
}

/** The count of one request decided beside its work: begun by the work (or, failing that, once it is done). */
function countBeside(deps: { limiter: RateLimiter; clock: Clock }, key: string, limit: RateLimit): CountBeside {
  let decided: Promise<RateDecision[]> | undefined;
  const begin = (also: readonly CountHit[] = []) => {
    if (decided) return undefined;
    decided = deps.limiter.hitTogether(key, [{ limit }, ...also], deps.clock.now());
    // Awaited by the middleware whatever the work does; never left unhandled meanwhile.
    decided.catch(() => undefined);
    return decided;
  };
  const admitted = async () => {
    const [own] = await (begin() ?? decided!);
    if (!own!.allowed) throw limitExceeded(own!.retryAfterSeconds);
  };
  return { key, begin, admitted };
}

async function decideBeside(c: Context, next: Next, count: CountBeside): Promise<Response | undefined> {
  currentRequest()!.admission = count;
  await next();
  try {
    await count.admitted();
  } catch (error) {
    // The handler did not need the decision (or did not get that far): the refusal is still the answer.
    if (!(error instanceof MatrixError)) throw error;
    if (c.res.status !== 429) c.res = c.json(error.toJSON(), error.status, error.headers);
  }
  return undefined;
}
