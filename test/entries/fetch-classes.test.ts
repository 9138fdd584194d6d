/**
 * The Lambda entries' own Headers, Request and Response (functions/entries/fetch/) behave as the runtime's
 * (undici's) do for everything the front door and Hono ask of them: each case runs against both and must
 * come out the same, errors included (by their type). What ours do not hold goes to the runtime's classes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FetchHeaders } from '../../functions/entries/fetch/headers.js';
import { installFetchClasses } from '../../functions/entries/fetch/install.js';
import { FetchRequest } from '../../functions/entries/fetch/request.js';
import { FetchResponse } from '../../functions/entries/fetch/response.js';
import { runtimeClass } from '../../functions/entries/fetch/runtime-classes.js';

interface Classes {
  Headers: typeof Headers;
  Request: typeof Request;
  Response: typeof Response;
}
const runtime: Classes = { Headers, Request, Response };
const ours = { Headers: FetchHeaders, Request: FetchRequest, Response: FetchResponse } as unknown as Classes;

type Case = (k: Classes) => unknown;

/** What a case comes to: its value (awaited), or the type of what it threw. */
async function outcome(run: Case, classes: Classes): Promise<unknown> {
  try {
    return { value: await run(classes) };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

const entriesOf = (h: Headers) => [...h];
const describeResponse = (r: Response) => ({
  status: r.status,
  ok: r.ok,
  statusText: r.statusText,
  type: r.type,
  url: r.url,
  redirected: r.redirected,
  headers: entriesOf(r.headers),
  hasBody: r.body !== null,
  bodyUsed: r.bodyUsed,
});

async function readStream(stream: ReadableStream<Uint8Array> | null): Promise<number[]> {
  const bytes: number[] = [];
  if (!stream) return bytes;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes.push(...value);
  }
}

const headerCases: Record<string, Case> = {
  'from a record, names without case': ({ Headers }) => {
    const h = new Headers({ 'Content-Type': 'application/json', 'X-Two': 'a' });
    return [h.get('content-type'), h.get('CONTENT-TYPE'), h.has('x-two'), h.has('x-three'), entriesOf(h)];
  },
  'from pairs, from a Map, from Headers of either kind': ({ Headers }) => [
    entriesOf(
      new Headers([
        ['a', '1'],
        ['A', '2'],
        ['b', '3'],
      ]),
    ),
    entriesOf(new Headers(new Map([['x', 'y']]) as unknown as Record<string, string>)),
    entriesOf(new Headers(new Headers({ c: 'd' }))),
    entriesOf(new Headers(new runtime.Headers({ e: 'f' }))),
    entriesOf(new Headers(new FetchHeaders({ g: 'h' }) as unknown as Headers)),
  ],
  'append joins, set replaces, delete removes': ({ Headers }) => {
    const h = new Headers();
    h.append('Vary', 'Origin');
    h.append('vary', 'Accept');
    const joined = h.get('vary');
    h.set('VARY', 'Cookie');
    const replaced = h.get('vary');
    h.delete('Vary');
    return [joined, replaced, h.get('vary'), h.has('vary')];
  },
  'Set-Cookie kept apart, iteration sorted': ({ Headers }) => {
    const h = new Headers();
    h.append('set-cookie', 'a=1');
    h.append('Zeta', 'z');
    h.append('Set-Cookie', 'b=2');
    h.append('alpha', 'x');
    const seen: string[] = [];
    h.forEach((value, name, parent) => {
      seen.push(`${name}=${value}:${parent === h}`);
    });
    return [entriesOf(h), h.getSetCookie(), h.get('set-cookie'), [...h.keys()], [...h.values()], seen];
  },
  'values trimmed of HTTP whitespace': ({ Headers }) => new Headers({ a: ' \t one two \r\n' }).get('a'),
  'an invalid name': ({ Headers }) => new Headers({ 'bad name': 'x' }),
  'a value with a line break inside': ({ Headers }) => new Headers().set('a', 'one\ntwo'),
  'a value no byte can carry': ({ Headers }) => new Headers().append('a', 'Zoë ☃'),
  'a Latin-1 value': ({ Headers }) => new Headers({ a: 'Zoë' }).get('a'),
  'a pair of three': ({ Headers }) => new Headers([['a', 'b', 'c']] as unknown as [string, string][]),
  'a string as init': ({ Headers }) => new Headers('a: b' as unknown as Record<string, string>),
};

const responseCases: Record<string, Case> = {
  'no body': async ({ Response }) => {
    const r = new Response();
    return [describeResponse(r), await r.text()];
  },
  'a text body and its type': async ({ Response }) => {
    const r = new Response('{"a":1}', { status: 401, statusText: 'Unauthorized', headers: { 'X-A': 'b' } });
    return [describeResponse(r), await r.json(), r.bodyUsed];
  },
  'a type given is kept': async ({ Response }) => {
    const r = new Response('{}', { headers: { 'content-type': 'application/json' } });
    return [entriesOf(r.headers), await r.text()];
  },
  'bytes: no type, read as bytes, text or a blob': async ({ Response }) => {
    const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0xff]);
    const view = new Response(bytes, { headers: { 'Content-Type': 'Application/Octet-Stream' } });
    const blob = await view.blob();
    const buffer = new Response(bytes.buffer);
    return [
      entriesOf(new Response(bytes).headers),
      [...new Uint8Array(await buffer.arrayBuffer())],
      await new Response(bytes).text(),
      [...(await (new Response(bytes) as unknown as FetchResponse).bytes())],
      [blob.size, blob.type],
    ];
  },
  'the bytes are copied when given': async ({ Response }) => {
    const bytes = new Uint8Array([1, 2, 3]);
    const r = new Response(bytes);
    bytes[0] = 9;
    return [...new Uint8Array(await r.arrayBuffer())];
  },
  'a form as URLSearchParams, read back as a form': async ({ Response }) => {
    const r = new Response(new URLSearchParams({ session: 's1', name: 'Zoë' }));
    return [entriesOf(r.headers), [...(await r.formData()).entries()]];
  },
  'a byte-order mark is not text': async ({ Response }) => [
    await new Response('\uFEFFabc').text(),
    await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text(),
  ],
  'read twice': async ({ Response }) => {
    const r = new Response('x');
    await r.text();
    return r.text();
  },
  'a status out of range': ({ Response }) => new Response('x', { status: 600 }),
  'a status below 200': ({ Response }) => new Response(null, { status: 101 }),
  'a status that is no integer': ({ Response }) => [
    new Response(null, { status: 250.5 }).status,
    new Response(null, { status: 65736 }).status,
  ],
  'a body on a 204': ({ Response }) => new Response('x', { status: 204 }),
  'no body on a 204 and 304': ({ Response }) => [
    describeResponse(new Response(null, { status: 204 })),
    describeResponse(new Response(undefined, { status: 304 })),
  ],
  'a status text with a line break': ({ Response }) => new Response('x', { statusText: 'a\nb' }),
  'Response.json': async ({ Response }) => {
    const plain = Response.json({ a: [1, 'é'] }, { status: 429, headers: { 'Retry-After': '3' } });
    const typed = Response.json({}, { headers: { 'Content-Type': 'application/problem+json' } });
    return [describeResponse(plain), await plain.json(), entriesOf(typed.headers)];
  },
  'Response.json of nothing JSON can say': ({ Response }) => Response.json(undefined),
  'clone: both read; a read one cannot be cloned': async ({ Response }) => {
    const r = new Response('abc', { status: 202, headers: { a: 'b' } });
    const copy = r.clone();
    const both = [await r.text(), await copy.text(), describeResponse(copy)];
    return [
      both,
      await Promise.resolve()
        .then(() => r.clone())
        .catch((e: Error) => e.constructor.name),
    ];
  },
  'the body as a stream, read by someone': async ({ Response }) => {
    const r = new Response('héllo');
    const bytes = await readStream(r.body);
    return [bytes, r.bodyUsed, await r.text().catch((e: Error) => e.constructor.name)];
  },
  "a Response made from another's body and init (Hono's context)": async ({ Response }) => {
    const first = new Response('{"errcode":"M_LIMIT_EXCEEDED"}', {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '2' },
    });
    const second = new Response(first.body, first);
    second.headers.set('Access-Control-Allow-Origin', '*');
    return [describeResponse(second), await second.json(), entriesOf(first.headers)];
  },
  'a stream body of its own': async ({ Response }) => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n'));
        controller.enqueue(new TextEncoder().encode('1,2\n'));
        controller.close();
      },
    });
    const r = new Response(stream, { headers: { 'content-type': 'text/csv' } });
    return [describeResponse(r), await r.text()];
  },
  'a Blob body': async ({ Response }) => {
    const r = new Response(new Blob(['abc'], { type: 'text/x-test' }));
    return [entriesOf(r.headers), await r.text()];
  },
  'instanceof, either way': ({ Response }) => [
    new Response('a') instanceof Response,
    new runtime.Response('a') instanceof Response,
    {} instanceof Response,
  ],
};

const requestCases: Record<string, Case> = {
  'the URL as the runtime writes it': ({ Request }) => [
    new Request('https://Example.ORG').url,
    new Request('https://example.org/_matrix/client/v3/register?kind=user#frag').url,
    new Request(new URL('https://example.org/a b')).url,
  ],
  'a relative URL': ({ Request }) => new Request('/register'),
  'a URL with credentials': ({ Request }) => new Request('https://alice:secret@example.org/'),
  'methods, normalised or kept': ({ Request }) => [
    new Request('https://example.org/').method,
    new Request('https://example.org/', { method: 'post' }).method,
    new Request('https://example.org/', { method: 'propfind' }).method,
    new Request('https://example.org/', { method: 'Options' }).method,
  ],
  'a forbidden method': ({ Request }) => new Request('https://example.org/', { method: 'connect' }),
  'a method that is no token': ({ Request }) => new Request('https://example.org/', { method: 'GE T' }),
  'a body on a GET': ({ Request }) => new Request('https://example.org/', { body: 'x' }),
  'a JSON body with its headers': async ({ Request }) => {
    const r = new Request('https://example.org/register', {
      method: 'POST',
      body: '{"username":"zoë"}',
      headers: { 'X-Forwarded-For': '192.0.2.1' },
    });
    return [r.method, entriesOf(r.headers), r.bodyUsed, await r.json(), r.bodyUsed];
  },
  'bytes read as text and as bytes': async ({ Request }) => {
    const body = new TextEncoder().encode('session=s1');
    const init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    return [
      await new Request('https://example.org/', init).text(),
      [...new Uint8Array(await new Request('https://example.org/', init).arrayBuffer())],
    ];
  },
  'a form read back': async ({ Request }) => {
    const r = new Request('https://example.org/', {
      method: 'POST',
      body: 'a=1&b=%C3%A9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return [...(await r.formData()).entries()];
  },
  'a copy with another method, its headers and body kept': async ({ Request }) => {
    const first = new Request('https://example.org/x', { method: 'PUT', body: 'abc', headers: { a: 'b' } });
    const copy = new Request(first, { method: 'POST' });
    return [copy.url, copy.method, entriesOf(copy.headers), await copy.text()];
  },
  'clone, and a read one': async ({ Request }) => {
    const r = new Request('https://example.org/', { method: 'POST', body: 'abc' });
    const copy = r.clone();
    const texts = [await r.text(), await copy.text()];
    return [
      texts,
      await Promise.resolve()
        .then(() => r.clone())
        .catch((e: Error) => e.constructor.name),
    ];
  },
  'no body, and the body stream read': async ({ Request }) => {
    const empty = new Request('https://example.org/');
    const full = new Request('https://example.org/', { method: 'POST', body: 'abc' });
    return [empty.body, await empty.text(), await readStream(full.body), full.bodyUsed];
  },
  'a signal that has not aborted': ({ Request }) => new Request('https://example.org/').signal.aborted,
};

describe.each([
  ['Headers', headerCases],
  ['Response', responseCases],
  ['Request', requestCases],
])("the entries' own %s, against the runtime's", (_, cases) => {
  it.each(Object.keys(cases))('%s', async (name) => {
    const run = cases[name]!;
    const expected = await outcome(run, runtime);
    expect(await outcome(run, ours)).toEqual(expected);
  });
});

describe('installing them', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("puts them on the global object, keeps the runtime's for what they do not hold, and puts it back", async () => {
    restore = installFetchClasses();
    expect(globalThis.Response).toBe(FetchResponse);
    expect(globalThis.Request).toBe(FetchRequest);
    expect(globalThis.Headers).toBe(FetchHeaders);
    expect(runtimeClass('Response')).toBe(runtime.Response);
    // A body of a kind ours do not hold is the runtime's class's.
    const streamed = new Response(new Blob(['abc']));
    expect(streamed).toBeInstanceOf(runtime.Response);
    expect(await streamed.text()).toBe('abc');
    restore();
    restore = undefined;
    expect(globalThis.Response).toBe(runtime.Response);
    expect(globalThis.Headers).toBe(runtime.Headers);
  });
});
