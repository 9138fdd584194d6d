/**
 * What one request carries through every layer without being passed: its id, route and cold-start flag
 * (every log line names them) and the metric events it records (written once, after the answer).
 * Node's AsyncLocalStorage follows the request's awaits; outside a request there is no context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MetricEvent } from '../ports/metrics.js';

export interface RequestContext {
  requestId: string;
  /** The method and the matched route pattern (never a path with a token in it). */
  route?: string;
  /** True for the first request this process (this Lambda execution environment) serves. */
  coldStart: boolean;
  /** The metric events recorded while answering, in order. */
  events: MetricEvent[];
}

const storage = new AsyncLocalStorage<RequestContext>();
let served = 0;

/** Runs `answer` as one request: everything it awaits sees the same context. */
export function inRequest<T>(requestId: string, answer: (context: RequestContext) => Promise<T>): Promise<T> {
  const context: RequestContext = { requestId, coldStart: served++ === 0, events: [] };
  return storage.run(context, () => answer(context));
}

/** The request being answered, if any (the sweep and start-up have none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
