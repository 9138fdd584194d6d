/**
 * The fetch standard's `Headers`, as the Lambda entries use it (fetch/install.ts says why they have their own):
 * names compared without case, values trimmed and checked as the runtime's class checks them, several values
 * of one name joined with ", " except `Set-Cookie`'s, iteration sorted by name.
 */

/** RFC 9110's token: what a header name (and a method) may be made of. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** HTTP whitespace, taken from both ends of a value. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
/** What a value may not hold once trimmed: NUL, CR, LF, and anything a byte cannot carry. */
const BAD_VALUE = /[\0\r\n]|[^\0-\xFF]/;
const SET_COOKIE = 'set-cookie';

export type HeadersInput = Iterable<readonly [string, string] | readonly string[]> | Record<string, string> | undefined | null;

function checkedName(name: string, method: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers.${method}: "${text}" is an invalid header name.`);
  return text.toLowerCase();
}

function checkedValue(value: string, method: string): string {
  const text = String(value).replace(EDGE_WHITESPACE, '');
  if (BAD_VALUE.test(text)) throw new TypeError(`Headers.${method}: "${text}" is an invalid header value.`);
  return text;
}

export class FetchHeaders {
  /** Lower-case name → its values in the order given. */
  readonly #values = new Map<string, string[]>();

  constructor(init?: HeadersInput) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers constructor: init must be an object');
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<readonly string[]>) {
        const [name, value] = pair.length === 2 ? pair : [];
        if (name === undefined || value === undefined) throw new TypeError('Headers constructor: expected name/value pair to be length 2');
        this.append(name, value);
      }
      return;
    }
    for (const name of Object.keys(init)) this.append(name, (init as Record<string, string>)[name]!);
  }

  append(name: string, value: string): void {
    const key = checkedName(name, 'append');
    const text = checkedValue(value, 'append');
    const values = this.#values.get(key);
    if (values) values.push(text);
    else this.#values.set(key, [text]);
  }

  set(name: string, value: string): void {
    this.#values.set(checkedName(name, 'set'), [checkedValue(value, 'set')]);
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name, 'get'))?.join(', ') ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name, 'has'));
  }

  delete(name: string): void {
    this.#values.delete(checkedName(name, 'delete'));
  }

  getSetCookie(): string[] {
    return [...(this.#values.get(SET_COOKIE) ?? [])];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name);
      // Deleted by the loop's own body since the sort: skipped, as the runtime's class skips it.
      if (!values) continue;
      if (name === SET_COOKIE) for (const value of values) yield [name, value];
      else yield [name, values.join(', ')];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, parent: FetchHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
