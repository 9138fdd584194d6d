/**
 * The HTTP transport of every AWS call the functions make (the table client, the SES, SNS, EventBridge and
 * Lambda clients, Secrets Manager's GetSecretValue): Node's http/https with keep-alive, the answer read whole.
 * The SDK's default handler streams every answer, arms three timers a request and checks for `Expect:
 * 100-continue`; the answers here are small JSON or XML, and a sign-up makes eight or more table calls in a
 * row, so its overhead was ~0.1 ms of CPU and ~0.25 ms of wall time a call (issue 18, docs/bench.md); in the
 * Lambda bundles it replaces the SDK's handler outright (functions/entries/one-http-handler.ts). Failures keep
 * the shapes the SDK's retry decides on: a socket's error as Node raises it (`ECONNRESET`…), a missed deadline
 * as a `TimeoutError`.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** The SDK's handler contract, as the client's config types it (no import from the SDK's inner packages). */
type SdkHandler = Extract<NonNullable<DynamoDBClientConfig['requestHandler']>, { handle: unknown }>;
type SdkHttpRequest = Parameters<SdkHandler['handle']>[0];
type SdkHandlerOptions = NonNullable<Parameters<SdkHandler['handle']>[1]>;
type SdkHttpResponse = Awaited<ReturnType<SdkHandler['handle']>>['response'];

export interface AwsHttpOptions {
  /** One attempt's deadline (connect to last byte); the SDK retries a missed one. */
  attemptTimeoutMs?: number;
  maxSockets?: number;
}

/**
 * A DynamoDB or Secrets Manager call that takes this long is stuck: the SDK's retry with a new socket does better
 * than waiting. (The senders' clients pass a longer one: UNHURRIED_ATTEMPT_TIMEOUT_MS.)
 */
const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * The attempt deadline of a client whose calls the SDK's own handler never cut short (SES, SNS, EventBridge, a
 * Lambda invoke, which runs a function): no function behind API Gateway outlives it, so it changes nothing
 * a request could see, and a resend after it (which could mail twice) stays as rare as before.
 */
export const UNHURRIED_ATTEMPT_TIMEOUT_MS = 30_000;

export class AwsHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;
  private readonly timeoutMs: number;

  constructor(options: AwsHttpOptions = {}) {
    const agent = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
    this.http = new HttpAgent(agent);
    this.https = new HttpsAgent(agent);
    this.timeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  }

  handle(request: SdkHttpRequest, options: SdkHandlerOptions = {}): Promise<{ response: SdkHttpResponse }> {
    const caller = options.abortSignal as AbortSignal | undefined;
    if (caller?.aborted) return Promise.reject(abortError(caller));
    return new Promise((resolve, reject) => {
      const secure = request.protocol === 'https:';
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          agent: secure ? this.https : this.http,
          method: request.method,
          hostname: request.hostname,
          port: request.port,
          path: pathWithQuery(request),
          headers: request.headers,
        },
        (incoming) => readWhole(incoming, settle, fail),
      );
      // One timer for the whole attempt; a socket that is cut is not reused.
      const timer = setTimeout(() => outgoing.destroy(timeoutError(this.timeoutMs)), this.timeoutMs);
      const onAbort = () => outgoing.destroy(abortError(caller!));
      caller?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onAbort);
      };
      function settle(value: { response: SdkHttpResponse }) {
        done();
        resolve(value);
      }
      function fail(error: Error) {
        done();
        reject(error);
      }
      outgoing.on('error', fail);
      writeBody(outgoing, request.body);
    });
  }

  /** The SDK's hooks for changing a handler's settings after it is made; this one has none to change. */
  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/** The transport for such a client (senders.ts, event-bridge.ts, owner-lookup.ts, the local stand-ins). */
export const unhurriedHandler = (): AwsHttpHandler => new AwsHttpHandler({ attemptTimeoutMs: UNHURRIED_ATTEMPT_TIMEOUT_MS });

function readWhole(incoming: IncomingMessage, resolve: (value: { response: SdkHttpResponse }) => void, fail: (error: Error) => void): void {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('error', fail);
  // A socket closed before the last byte: a network failure the SDK retries (as it does ECONNRESET).
  incoming.on('close', () => {
    if (!incoming.complete) fail(Object.assign(new Error("the AWS call's answer was cut off"), { code: 'ECONNRESET' }));
  });
  incoming.on('end', () => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    resolve({ response: { statusCode: incoming.statusCode ?? 0, reason: incoming.statusMessage, headers, body: Buffer.concat(chunks) } });
  });
}

function writeBody(outgoing: ReturnType<typeof httpRequest>, body: unknown): void {
  if (body === undefined || body === null) return void outgoing.end();
  if (typeof body === 'string' || body instanceof Uint8Array) return void outgoing.end(body);
  // A streamed body (an upload): no call the functions make sends one; kept for completeness.
  (body as Readable).pipe(outgoing);
}

function pathWithQuery(request: SdkHttpRequest): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(request.query ?? {})) {
    const name = encodeURIComponent(key);
    if (value === null) parts.push(name);
    else for (const one of Array.isArray(value) ? value : [value]) parts.push(`${name}=${encodeURIComponent(one)}`);
  }
  return parts.length > 0 ? `${request.path}?${parts.join('&')}` : request.path;
}

/** Named as the SDK's retry expects: a missed deadline is a transient `TimeoutError`. */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`the AWS call took longer than ${ms} ms`), { name: 'TimeoutError' });
}

/** The caller's own abort: its reason when it gave one. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('the AWS call was aborted'), { name: 'AbortError' });
}
