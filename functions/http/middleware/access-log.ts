/**
 * One structured line per request: method, route, path (never the query, which can hold tokens), status,
 * time, and the request's id, cold-start flag, UIA stage and outcome. The request runs inside its context
 * (model/request-context.ts), so every log line it writes names it and the metric events it records are
 * written once, after the answer is computed (`flush`). A path that carries a secret is logged without it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../../model/log.js';
import { inRequest, type RequestContext } from '../../model/request-context.js';
import type { MetricEvent } from '../../ports/metrics.js';
import { randomLetters } from '../../crypto/random.js';

const MAX_PATH = 200;
/** Everything after `/registration_tokens/`, whatever it is (a token, an encoded one, more segments), but `new`. */
const TOKEN_IN_PATH = /(\/registration_tokens\/)(.+)$/i;
export const REDACTED = '<redacted>';

export function loggedPath(path: string): string {
  return path
    .replace(TOKEN_IN_PATH, (whole, head: string, rest: string) => (rest === 'new' ? whole : `${head}${REDACTED}`))
    .slice(0, MAX_PATH);
}

/** Writes a request's metric events (EMF and the table's counters); never throws. */
export type MetricsFlush = (events: readonly MetricEvent[]) => Promise<void>;

export function accessLog(log: Logger, flush?: MetricsFlush): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await inRequest(requestIdOf(c), async (request) => {
      await next();
      request.route = routeOf(c);
      // The front door's own 429s (its limits); API Gateway's throttling is counted by the stack from its logs.
      if (c.res.status === 429) request.events.push({ metric: 'RateLimited' });
      log.info('request', {
        method: c.req.method,
        route: request.route,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...stageAndOutcome(request, c.res.status),
      });
      // After the answer is computed (it is already in c.res), before it leaves: Lambda freezes a process
      // once the handler returns, so a write left running then could be lost.
      await flush?.(request.events);
    });
  };
}

/** API Gateway's request id (what its access log and the Lambda's own lines name), or a fresh one locally. */
function requestIdOf(c: Context): string {
  const env = c.env as { event?: { requestContext?: { requestId?: string } }; lambdaContext?: { awsRequestId?: string } } | undefined;
  return env?.lambdaContext?.awsRequestId ?? env?.event?.requestContext?.requestId ?? randomLetters(16);
}

/** The matched route pattern of the handler that answered (no path parameter's value, so no token). */
function routeOf(c: Context): string | undefined {
  const handlers = c.req.matchedRoutes.filter((route) => route.method !== 'ALL');
  return handlers.at(-1)?.path;
}

/** The UIA stage the request ran, and what came of it: from the events it recorded, else from its status. */
function stageAndOutcome(request: RequestContext, status: number): { stage?: string; outcome: string } {
  for (const event of [...request.events].reverse()) {
    if (event.metric === 'SignupCompleted') return { outcome: 'completed' };
    if (event.metric === 'StagePassed') return { stage: event.stage, outcome: 'stage_passed' };
    if (event.metric === 'StageFailed') return { stage: event.stage, outcome: `stage_failed:${event.reason}` };
  }
  if (status === 429) return { outcome: 'rate_limited' };
  return { outcome: status < 400 ? 'ok' : status === 401 ? 'unauthorized_or_uia' : status < 500 ? 'refused' : 'failed' };
}
