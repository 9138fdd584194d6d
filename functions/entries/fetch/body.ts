/**
 * The body of a fetch/ Request or Response: kept as the text or bytes it was given, read once, and handed out
 * as a stream only to whoever asks for `.body` (a stream this module made is taken back as its content, so a
 * Response built from another's body, as Hono's context does, never reads it). A body of any other kind (a
 * foreign stream, a Blob, FormData) is not handled here: the classes leave it to the runtime's own.
 */
import type { FetchHeaders } from './headers.js';
import { runtimeClass } from './runtime-classes.js';

/** A body's content, as given: a string is kept as text, so that a JSON answer is never encoded and decoded again. */
export type Content = { text: string; bytes?: undefined } | { text?: undefined; bytes: Uint8Array };

/** A body and the content type it implies when the headers name none. */
export interface Extracted {
  content: Content | null;
  type?: string;
}

/**
 * Whether a value is a Request or a Response (by `tag`) of either kind, ours or the runtime's: what the classes'
 * `instanceof` answers, for code that checks it.
 */
export const taggedAs = (value: unknown, tag: 'Request' | 'Response'): boolean =>
  typeof value === 'object' && value !== null && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === tag;

/** Streams this module made, with the content they carry. */
const streamed = new WeakMap<object, Content>();

/** The body an init's `body` describes, or undefined for a kind only the runtime's classes take. */
export function extractBody(body: unknown): Extracted | undefined {
  if (body === undefined || body === null) return { content: null };
  if (typeof body === 'string') return { content: { text: body }, type: 'text/plain;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { content: { bytes: new Uint8Array(body.slice(0)) } };
  if (ArrayBuffer.isView(body))
    return { content: { bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)) } };
  if (body instanceof URLSearchParams)
    return { content: { text: body.toString() }, type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  const content = typeof body === 'object' ? streamed.get(body) : undefined;
  return content ? { content } : undefined;
}

const bytesOf = (content: Content): Uint8Array => content.bytes ?? new TextEncoder().encode(content.text);

/** UTF-8 decoding as the fetch standard's `text()` does it: a leading byte-order mark dropped. */
const textOf = (content: Content): string => {
  if (content.bytes) return new TextDecoder().decode(content.bytes);
  return content.text.charCodeAt(0) === 0xfeff ? content.text.slice(1) : content.text;
};

/**
 * What a Request and a Response share (the fetch standard's body mixin): the body's content, whether it was read,
 * its stream once asked for, and the ways of reading it, once.
 */
export abstract class FetchBody {
  abstract readonly headers: FetchHeaders;
  readonly #content: Content | null;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;

  protected constructor(content: Content | null) {
    this.#content = content;
  }

  /** The content as given, for a copy (clone, a Request made from another). */
  protected get content(): Content | null {
    return this.#content;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body as a stream, made once; reading it marks the body read. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream !== undefined) return this.#stream;
    const content = this.#content;
    if (!content) {
      this.#stream = null;
      return null;
    }
    const stream = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          this.#used = true;
          controller.enqueue(bytesOf(content));
          controller.close();
        },
      },
      // Nothing is pulled until someone reads: a stream only passed on leaves its body unread.
      { highWaterMark: 0 },
    );
    streamed.set(stream, content);
    this.#stream = stream;
    return stream;
  }

  /** The content, once: a second read is the runtime's TypeError. */
  #take(): Content | null {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#content;
  }

  async text(): Promise<string> {
    const content = this.#take();
    return content ? textOf(content) : '';
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async bytes(): Promise<Uint8Array> {
    const content = this.#take();
    // A copy: the caller may write into what it is given.
    return content ? new Uint8Array(bytesOf(content)) : new Uint8Array(0);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type')?.toLowerCase() ?? '' });
  }

  /** A form is parsed by the runtime's own Response (the pages' posts: nothing on the sign-up API's path). */
  async formData(): Promise<FormData> {
    const bytes = await this.bytes();
    const type = this.headers.get('content-type');
    const RuntimeResponse = runtimeClass('Response');
    return new RuntimeResponse(bytes, type === null ? {} : { headers: { 'content-type': type } }).formData();
  }
}

/** The init's body of a copy: the content as it was given. */
export const bodyInitOf = (content: Content | null) => content?.text ?? content?.bytes ?? null;
