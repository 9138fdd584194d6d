/**
 * The Lambda entries' own `Headers`, `Request` and `Response`, put on the global object where Hono and
 * entries/http-api-events.ts find them (issue 18: cold start). Node defines the runtime's classes as getters that load
 * undici, its fetch implementation, on first use: ~18 ms of a cold start's CPU here, spent on every first
 * answer only to build the request from the event and the answer from the route. Ours hold what an API Gateway
 * request and a route's answer need (fetch/request.ts, fetch/response.ts); anything else they hand to the
 * runtime's classes, loaded then. `fetch` itself stays the runtime's, with its own classes.
 */
import { FetchHeaders } from './headers.js';
import { FetchRequest } from './request.js';
import { FetchResponse } from './response.js';
import { type FetchClassName, keepRuntimeClasses, keptDefinitions } from './runtime-classes.js';

const OURS: Record<FetchClassName, unknown> = { Headers: FetchHeaders, Request: FetchRequest, Response: FetchResponse };
const NAMES = Object.keys(OURS) as FetchClassName[];

/** Puts ours in place (once: a second call changes nothing); the returned function puts the runtime's back. */
export function installFetchClasses(): () => void {
  keepRuntimeClasses(NAMES);
  for (const name of NAMES) {
    Object.defineProperty(globalThis, name, { value: OURS[name], writable: true, configurable: true, enumerable: false });
  }
  return () => {
    for (const [name, descriptor] of keptDefinitions()) Object.defineProperty(globalThis, name, descriptor);
  };
}
