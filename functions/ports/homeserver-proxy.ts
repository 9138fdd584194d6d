/**
 * The homeserver's client API as a pass-through: requests the front door does not answer itself (or answers
 * only in part) go to the homeserver as they came, and its answer comes back untouched.
 */

/** What is forwarded: only the headers that matter to the homeserver (see the adapter's list). */
export interface ProxiedRequest {
  method: string;
  /** The path as the client asked it, `/_matrix/client/v3/account/3pid` say. */
  path: string;
  /** The raw query string without its `?`, or empty. */
  query: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** The homeserver's answer, whatever its status (a 4xx or 5xx of the homeserver is an answer too). */
export interface ProxiedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/** `unreachable`: no answer at all (refused, reset, DNS); `timeout`: none within the configured time. */
export type ProxyFailure = 'unreachable' | 'timeout';

/** What the proxy throws when the homeserver gave no answer; port-failures.ts makes it a 502 or 504. */
export class HomeserverProxyError extends Error {
  constructor(
    readonly kind: ProxyFailure,
    message: string,
  ) {
    super(message);
    this.name = 'HomeserverProxyError';
  }
}

export interface HomeserverClientProxy {
  /** Sends the request to the homeserver; throws HomeserverProxyError only when no answer came. */
  forward(request: ProxiedRequest): Promise<ProxiedResponse>;
}
