/**
 * The fetch standard's `Response` for answers made in the process (Hono's `c.json()`, `c.text()`, `c.body()`):
 * status and headers checked as the runtime's class checks them, the body kept as given (fetch/body.ts). A body
 * of a kind it does not hold (a foreign stream, a Blob, FormData), and `Response.error()` and `redirect()`, are
 * the runtime's own class's: the constructor then returns one of those.
 */
import { bodyInitOf, taggedAs, type Extracted, extractBody, FetchBody } from './body.js';
import { FetchHeaders, type HeadersInput } from './headers.js';
import { runtimeClass } from './runtime-classes.js';

export interface FetchResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInput;
}

/** Statuses whose answers have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
/** RFC 9112's reason-phrase: tab, space, visible ASCII and obs-text. */
const REASON = /^[\t\x20-\x7E\x80-\xFF]*$/;

/** Web IDL's conversion of a number to an `unsigned short`, as the runtime's class converts a status. */
function unsignedShort(value: number): number {
  const whole = Math.trunc(Number(value));
  return Number.isFinite(whole) ? ((whole % 65536) + 65536) % 65536 : 0;
}

export class FetchResponse extends FetchBody {
  static json(data: unknown, init?: FetchResponseInit): FetchResponse {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Response.json: the value is not JSON-serialisable');
    return new FetchResponse(text, init, 'application/json');
  }

  static error(): Response {
    return runtimeClass('Response').error();
  }

  static redirect(...args: Parameters<typeof Response.redirect>): Response {
    return runtimeClass('Response').redirect(...args);
  }

  /** A Response of the runtime's class is one too, as is ours (code that checks `instanceof Response`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return taggedAs(value, 'Response');
  }

  readonly status!: number;
  readonly statusText!: string;
  readonly headers!: FetchHeaders;
  readonly type = 'default';
  readonly url = '';
  readonly redirected = false;

  // biome-ignore lint/correctness/noUnreachableSuper: the path that answers with the runtime's class returns its object, no `this`
  constructor(body?: unknown, init: FetchResponseInit = {}, bodyType?: string) {
    const status = init.status === undefined ? 200 : unsignedShort(init.status);
    if (status < 200 || status > 599) {
      throw new RangeError(`Response constructor: init.status must be in the range of 200 to 599, inclusive (${status})`);
    }
    const statusText = String(init.statusText ?? '');
    if (!REASON.test(statusText)) throw new TypeError('Response constructor: invalid statusText');
    const extracted: Extracted | undefined = extractBody(body);
    if (!extracted) {
      // biome-ignore lint/correctness/noConstructorReturn: a body this class does not hold is answered by the runtime's own
      return new (runtimeClass('Response'))(...([body, init] as ConstructorParameters<typeof Response>)) as unknown as FetchResponse;
    }
    if (extracted.content && NULL_BODY.has(status)) throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    super(extracted.content);
    this.status = status;
    this.statusText = statusText;
    this.headers = new FetchHeaders(init.headers);
    const type = bodyType ?? extracted.type;
    if (extracted.content && type && !this.headers.has('content-type')) this.headers.set('content-type', type);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  clone(): FetchResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new FetchResponse(bodyInitOf(this.content), this);
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }
}
