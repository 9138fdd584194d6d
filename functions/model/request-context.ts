/**
 * What one request carries through every layer without being passed: its id, route and cold-start flag
 * (every log line names them) and the metric events it records (written once, after the answer).
 * Node's AsyncLocalStorage follows the request's awaits; outside a request there is no context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MetricEvent } from '../ports/metrics.js';
import type { CountHit, RateDecision } from '../ports/store.js';

/**
 * A client's count decided beside the work: the work begins it at its first store write, so that the two share a
 * round trip, and may have counts kept on the same item spent by that one write (uia/name-holds.ts).
 */
export interface CountBeside {
  /** The item the count is kept on: work adding a count of its own checks that it is the one it means. */
  readonly key: string;
  /** Begins the count, with `also` spent in the same write: every count's decision, this one's first. Undefined once begun. */
  begin(also?: readonly CountHit[]): Promise<RateDecision[]> | undefined;
  /** Resolves once the count admits the request (begun now if nothing began it); rejects with its 429. */
  admitted(): Promise<void>;
}

export interface RequestContext {
  requestId: string;
  /** The method and the matched route pattern (never a path with a token in it). */
  route?: string;
  /** True for the first request this process (this Lambda execution environment) serves. */
  coldStart: boolean;
  /** The metric events recorded while answering, in order. */
  events: MetricEvent[];
  /**
   * A per-client limit decided beside the work (http/middleware/rate-limit.ts `beside`). Work that cannot be
   * taken back awaits it first (admitted()).
   */
  admission?: CountBeside;
  /** What one part of the request started for a later part of the same request (keepForRequest). */
  kept: Map<object, unknown>;
}

const storage = new AsyncLocalStorage<RequestContext>();
let served = 0;

/** Runs `answer` as one request: everything it awaits sees the same context. */
export function inRequest<T>(requestId: string, answer: (context: RequestContext) => Promise<T>): Promise<T> {
  const context: RequestContext = { requestId, coldStart: served++ === 0, events: [], kept: new Map() };
  return storage.run(context, () => answer(context));
}

/** The request being answered, if any (the sweep and start-up have none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Resolves once the request's per-client limit (if it is decided beside the work) admits it; rejects with
 * its 429 otherwise. Call it before anything a refused request must not do: create, spend, check a secret.
 */
export function admitted(): Promise<void> {
  return storage.getStore()?.admission?.admitted() ?? Promise.resolve();
}

/** Begins the request's per-client count (if it has one not yet begun), beside the store write that follows. */
export function beginAdmission(): void {
  storage.getStore()?.admission?.begin();
}

/**
 * Begins the request's per-client count on `key` with `also` spent in the same write: every count's decision,
 * the request's own first. Undefined when the request has no count on that key, or it has begun.
 */
export function beginAdmissionWith(key: string, also: readonly CountHit[]): Promise<RateDecision[]> | undefined {
  const admission = storage.getStore()?.admission;
  return admission?.key === key ? admission.begin(also) : undefined;
}

/** Keeps `value` under `key` for the rest of this request; false outside a request (nothing is kept). */
export function keepForRequest(key: object, value: unknown): boolean {
  const request = storage.getStore();
  request?.kept.set(key, value);
  return request !== undefined;
}

/** What this request kept under `key`, removed as it is taken. */
export function takeFromRequest<T>(key: object): T | undefined {
  const kept = storage.getStore()?.kept;
  const value = kept?.get(key) as T | undefined;
  kept?.delete(key);
  return value;
}
