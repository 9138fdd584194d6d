/**
 * The fetch standard's `Request` for the requests the entries build from API Gateway events: an absolute
 * URL, a checked method, headers, and the event's body kept as given (fetch/body.ts). Given a body of a kind it
 * does not hold, or a Request of the runtime's class to copy, the constructor returns the runtime's own.
 */
import { bodyInitOf, taggedAs, extractBody, FetchBody } from './body.js';
import { FetchHeaders, type HeadersInput, TOKEN } from './headers.js';
import { runtimeClass } from './runtime-classes.js';

export interface FetchRequestInit {
  method?: string;
  headers?: HeadersInput;
  body?: unknown;
  signal?: AbortSignal | null;
}

/** Methods written in upper case whatever case they came in (the fetch standard's "normalize"). */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);

function checkedMethod(method: string): string {
  const text = String(method);
  const upper = text.toUpperCase();
  if (!TOKEN.test(text) || FORBIDDEN.has(upper)) throw new TypeError(`Request constructor: '${text}' is not a valid HTTP method.`);
  return NORMALIZED.has(upper) ? upper : text;
}

function absoluteUrl(input: string): string {
  const url = new URL(input);
  if (url.username || url.password) throw new TypeError('Request constructor: the URL includes credentials.');
  return url.href;
}

export class FetchRequest extends FetchBody {
  /** A Request of the runtime's class is one too, as is ours. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return taggedAs(value, 'Request');
  }

  readonly url!: string;
  readonly method!: string;
  readonly headers!: FetchHeaders;
  readonly redirect = 'follow';
  #signal: AbortSignal | undefined;

  // biome-ignore lint/correctness/noUnreachableSuper: the path that answers with the runtime's class returns its object, no `this`
  constructor(input: string | URL | FetchRequest, init: FetchRequestInit = {}) {
    const from = typeof input === 'object' && #signal in input ? input : undefined;
    const foreign = !from && typeof input === 'object' && !(input instanceof URL);
    // The given Request's body goes with it unless the init gives another.
    const extracted = extractBody(init.body !== undefined || !from ? init.body : bodyInitOf(from.content));
    if (foreign || !extracted) {
      // biome-ignore lint/correctness/noConstructorReturn: what this class does not hold is the runtime's class's to build
      return new (runtimeClass('Request'))(
        ...([input, init] as unknown as ConstructorParameters<typeof Request>),
      ) as unknown as FetchRequest;
    }
    if (from && init.body === undefined && from.bodyUsed)
      throw new TypeError('Request constructor: the given Request’s body was already read.');
    super(extracted.content);
    this.url = from ? from.url : absoluteUrl(String(input));
    this.method = init.method !== undefined ? checkedMethod(init.method) : (from?.method ?? 'GET');
    this.headers = new FetchHeaders(init.headers !== undefined ? init.headers : from?.headers);
    if (extracted.content && (this.method === 'GET' || this.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (extracted.content && extracted.type && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
    this.#signal = init.signal ?? (from ? from.#signal : undefined);
  }

  /** A signal that never aborts unless one was given: a Lambda invocation is not cancelled from outside. */
  get signal(): AbortSignal {
    this.#signal ??= new AbortController().signal;
    return this.#signal;
  }

  clone(): FetchRequest {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    return new FetchRequest(this);
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }
}
