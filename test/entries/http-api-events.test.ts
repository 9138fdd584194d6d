/**
 * API Gateway's HTTP API events to the app and its answers back (functions/entries/http-api-events.ts), with the
 * entries' own fetch classes in place as in a Lambda: the request a route sees (URL, method, headers, cookies,
 * body), the result API Gateway gets (headers, cookies apart, text or base64), and a Matrix error, never a 5xx,
 * for an event the app cannot be asked.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFetchClasses } from '../../functions/entries/fetch/install.js';
import { type HttpApiEvent, httpApiHandler } from '../../functions/entries/http-api-events.js';
import type { Logger } from '../../functions/model/log.js';
import { httpApiEvent } from '../support/http-api-event.js';

const logged: { event: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = { info: () => undefined, warn: () => undefined, error: (event, fields) => logged.push({ event, fields }) };

const app = new Hono();
app.all('/echo', async (c) =>
  c.json({
    url: c.req.url,
    method: c.req.method,
    headers: Object.fromEntries(c.req.raw.headers),
    body: c.req.method === 'GET' ? null : await c.req.text(),
    sourceIp: (c.env as { event: HttpApiEvent & { requestContext: { http: { sourceIp: string } } } }).event.requestContext.http.sourceIp,
    requestId: (c.env as { lambdaContext: { awsRequestId: string } }).lambdaContext.awsRequestId,
  }),
);
app.get('/cookies', (c) => {
  c.header('Set-Cookie', 'a=1; Path=/', { append: true });
  c.header('Set-Cookie', 'b=2; Path=/', { append: true });
  c.header('Cache-Control', 'no-store');
  return c.html('<p>ok</p>');
});
app.get('/png', (c) => c.body(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]), 200, { 'Content-Type': 'image/png' }));
app.get('/gzip', (c) => c.body('not really gzip', 200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }));
app.get('/stream', (c) =>
  c.body(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n'));
        controller.close();
      },
    }),
    200,
    { 'Content-Type': 'text/csv' },
  ),
);

const handler = httpApiHandler(app, log);
const invoke = (event: unknown) => handler(event as HttpApiEvent, { awsRequestId: 'lambda-request-1' });

describe('HTTP API events, served with the entries’ own fetch classes', () => {
  let restore: () => void;
  beforeAll(() => {
    restore = installFetchClasses();
  });
  afterAll(() => restore());

  it('become the request a route sees, with the event and Lambda’s context beside it', async () => {
    const event = {
      ...httpApiEvent('POST', '/echo?kind=user&x=%20y', { username: 'zoë' }, { 'x-name': 'Zoë ☃' }),
      cookies: ['session=abc', 'lang=en'],
    };
    const answer = await invoke(event);
    expect(answer).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(answer.body)).toEqual({
      url: 'https://matrix.example.org/echo?kind=user&x=%20y',
      method: 'POST',
      headers: {
        host: 'matrix.example.org',
        origin: 'https://app.example.org',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(JSON.stringify({ username: 'zoë' }))),
        cookie: 'session=abc; lang=en',
        // Beyond what a header can carry: passed on percent-encoded.
        'x-name': encodeURIComponent('Zoë ☃'),
      },
      body: JSON.stringify({ username: 'zoë' }),
      sourceIp: '203.0.113.9',
      requestId: 'lambda-request-1',
    });
  });

  it('take a base64 body as its bytes, and a GET none', async () => {
    const text = JSON.stringify({ password: 'naïve' });
    const encoded = { ...httpApiEvent('PUT', '/echo', {}), body: Buffer.from(text).toString('base64'), isBase64Encoded: true };
    expect(JSON.parse((await invoke(encoded)).body)).toMatchObject({ method: 'PUT', body: text });
    const get = { ...httpApiEvent('GET', '/echo'), body: 'ignored' };
    expect(JSON.parse((await invoke(get)).body)).toMatchObject({ method: 'GET', body: null });
  });

  it('answer with headers, and cookies apart as payload 2.0 wants them', async () => {
    const answer = await invoke(httpApiEvent('GET', '/cookies'));
    expect(answer).toEqual({
      statusCode: 200,
      headers: { 'cache-control': 'no-store', 'content-type': 'text/html; charset=UTF-8' },
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
      body: '<p>ok</p>',
      isBase64Encoded: false,
    });
  });

  it('answer binary and encoded bodies in base64, and a streamed one as its text', async () => {
    const png = await invoke(httpApiEvent('GET', '/png'));
    expect(png).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString('base64') });
    const gzip = await invoke(httpApiEvent('GET', '/gzip'));
    expect(gzip).toMatchObject({ isBase64Encoded: true, body: Buffer.from('not really gzip').toString('base64') });
    expect(await invoke(httpApiEvent('GET', '/stream'))).toMatchObject({ isBase64Encoded: false, body: 'a,b\n' });
  });

  it('answer an event the app cannot be asked with a Matrix 400, logging no header’s value', async () => {
    const restEvent = { httpMethod: 'GET', path: '/echo', headers: {}, requestContext: {} };
    const badHeader = httpApiEvent('GET', '/echo', undefined, { 'bad header': 'Bearer secret-token' });
    const badValue = httpApiEvent('GET', '/echo', undefined, { authorization: 'Bearer secret\u0000token' });
    for (const event of [restEvent, badHeader, badValue]) {
      const answer = await invoke(event);
      expect(answer.statusCode).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
    }
    expect(logged.map((l) => l.event)).toEqual(['unreadable_request', 'unreadable_request', 'unreadable_request']);
    expect(JSON.stringify(logged)).not.toContain('secret');
  });
});
