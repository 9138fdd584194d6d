/**
 * Behind API Gateway the body is taken from the event itself (http/middleware/request-body.ts), not read through
 * the Request the Lambda entries build (functions/entries/http-api-events.ts): every way a route reads a body
 * sees the same bytes, base64-encoded events included, and the body limit holds as it does over HTTP. Both with
 * the runtime's fetch classes and with the Lambda entries' own (functions/entries/fetch/install.ts), which the
 * entries serve with.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { installFetchClasses } from '../../functions/entries/fetch/install.js';
import { type HttpApiEvent, httpApiHandler } from '../../functions/entries/http-api-events.js';
import { MAX_BODY_BYTES, matrixApi } from '../../functions/http/app.js';
import { silentLogger } from '../../functions/model/log.js';
import { httpApiEvent } from '../support/http-api-event.js';

const config = parseTenantConfig({
  serverName: 'example.org',
  homeserver: { url: 'http://127.0.0.1:1', mode: 'shared_secret' },
  registration: { flows: [['m.login.dummy']] },
});

/** Routes that answer with what they read, each in its own way. */
function echo(app: Hono): void {
  app.post('/json', async (c) => c.json({ read: await c.req.json() }));
  app.post('/text', async (c) => c.json({ read: await c.req.text() }));
  app.post('/bytes', async (c) => c.json({ read: [...new Uint8Array(await c.req.arrayBuffer())] }));
  app.post('/form', async (c) => c.json({ read: await c.req.parseBody() }));
  app.post('/class', (c) => c.json({ read: c.req.raw.constructor.name }));
  app.post('/json-twice', async (c) => c.json({ first: await c.req.json(), again: await c.req.text() }));
}

const handler = httpApiHandler(matrixApi(config, silentLogger, echo));
const invoke = async (event: unknown) => {
  const answer = await handler(event as HttpApiEvent, {});
  return { status: answer.statusCode, body: JSON.parse(answer.body) };
};
/** An event whose body is given as is (a string), with its own content type. */
const rawEvent = (path: string, body: string, contentType: string, base64 = false) => ({
  ...httpApiEvent('POST', path, undefined, { 'content-type': contentType }),
  body,
  isBase64Encoded: base64,
});

describe.each([
  ["the runtime's fetch classes", false],
  ["the Lambda entries' own fetch classes", true],
])('a request body behind API Gateway, with %s', (_, own) => {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    if (own) restore = installFetchClasses();
  });
  afterAll(() => restore?.());

  it('comes in a Request of the classes in use', async () => {
    const name = own ? 'FetchRequest' : 'Request';
    expect(await invoke(httpApiEvent('POST', '/class', {}))).toEqual({ status: 200, body: { read: name } });
  });

  it('is the JSON the event carries, however often a route reads it', async () => {
    const body = { username: 'zoë', auth: { type: 'm.login.dummy', session: 's1' } };
    expect(await invoke(httpApiEvent('POST', '/json', body))).toEqual({ status: 200, body: { read: body } });
    expect(await invoke(httpApiEvent('POST', '/json-twice', body))).toEqual({
      status: 200,
      body: { first: body, again: JSON.stringify(body) },
    });
  });

  it('is decoded from base64 when the event says it is encoded', async () => {
    const text = JSON.stringify({ password: 'naïve pass' });
    const event = rawEvent('/json', Buffer.from(text).toString('base64'), 'application/json', true);
    expect(await invoke(event)).toEqual({ status: 200, body: { read: { password: 'naïve pass' } } });
  });

  it('keeps exact bytes for a route that reads them, even bytes that are no UTF-8', async () => {
    const bytes = [0xff, 0x00, 0xc3, 0x28, 0x41];
    const event = rawEvent('/bytes', Buffer.from(bytes).toString('base64'), 'application/octet-stream', true);
    expect(await invoke(event)).toEqual({ status: 200, body: { read: bytes } });
  });

  it('parses as a form for the pages', async () => {
    const event = rawEvent('/form', 'session=s1&accept=yes&name=Zo%C3%AB', 'application/x-www-form-urlencoded');
    expect(await invoke(event)).toEqual({ status: 200, body: { read: { session: 's1', accept: 'yes', name: 'Zoë' } } });
  });

  it('is empty when the event has none', async () => {
    expect(await invoke(rawEvent('/text', '', 'text/plain'))).toEqual({ status: 200, body: { read: '' } });
  });

  it('is refused over the limit with a Matrix 413, counted in bytes, not characters', async () => {
    // Two bytes a character: under the limit in characters, over it in bytes.
    const event = rawEvent('/text', 'é'.repeat(MAX_BODY_BYTES / 2 + 1), 'text/plain');
    expect(await invoke(event)).toEqual({ status: 413, body: { errcode: 'M_TOO_LARGE', error: 'Request body too large' } });
    expect(await invoke(rawEvent('/text', 'a'.repeat(MAX_BODY_BYTES), 'text/plain'))).toMatchObject({ status: 200 });
  });
});
