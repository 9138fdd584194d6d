/**
 * The homeserver client's own transport (node:http, used when no `fetch` is given, as in the Lambdas): what
 * it sends, what it reads back, and that every fault (a deadline passed, a refused connection, an answer
 * cut off) is the retryable HomeserverError the client's callers expect, as it is over fetch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { homeserverHttp } from '../../functions/adapters/synapse/http-client.js';
import { HomeserverError } from '../../functions/ports/index.js';

type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe.each(['node:http', 'fetch'] as const)('the homeserver client over %s', (transport) => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  async function homeserver(answer: Answer): Promise<string> {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => answer(req, body, res));
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
  }

  const client = (url: string, timeoutMs = 2000) =>
    homeserverHttp(url, timeoutMs, transport === 'fetch' ? fetch : undefined, { name: 'x-admin-gate', value: 'gate' });

  const failureOf = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('sends the JSON body, the token and (on admin paths only) the admin header, and reads status, body, Retry-After and Date', async () => {
    const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
    const url = await homeserver((req, body, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', date: 'Tue, 01 Dec 2026 10:00:00 GMT' });
      res.end(JSON.stringify({ errcode: 'M_LIMIT_EXCEEDED', error: 'Grüße, slow down' }));
    });
    const reply = await client(url).request('POST', '/_synapse/admin/v1/register', { body: { username: 'zoë' }, token: 'tok' });
    expect(reply).toEqual({
      status: 429,
      body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Grüße, slow down' },
      retryAfterMs: 7000,
      date: Date.parse('Tue, 01 Dec 2026 10:00:00 GMT'),
    });
    await client(url).request('GET', '/_matrix/client/v3/register/available?username=a');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/_synapse/admin/v1/register', body: '{"username":"zoë"}' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json', 'x-admin-gate': 'gate' });
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength('{"username":"zoë"}')));
    expect(seen[1]!.headers['x-admin-gate']).toBeUndefined();
    expect(seen[1]!.headers.authorization).toBeUndefined();
  });

  it('gives up at the deadline with a retryable failure that names the path and TimeoutError', async () => {
    const url = await homeserver(() => undefined);
    const failure = await failureOf(client(url, 200).request('GET', '/_synapse/admin/v1/server_version'));
    expect(failure).toBeInstanceOf(HomeserverError);
    expect(failure).toMatchObject({ kind: 'unavailable', message: 'GET /_synapse/admin/v1/server_version: TimeoutError' });
  });

  it('answers a refused connection and an answer cut off midway as unavailable, and a 5xx too', async () => {
    const closed = await homeserver(() => undefined);
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    expect(await failureOf(client(closed).request('GET', '/x'))).toMatchObject({ kind: 'unavailable' });

    const cut = await homeserver((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"user_id":');
      setTimeout(() => res.destroy(), 20);
    });
    expect(await failureOf(client(cut).request('GET', '/y'))).toMatchObject({ kind: 'unavailable' });
    await new Promise<void>((done) => server!.close(() => done()));

    const broken = await homeserver((_req, _body, res) => res.writeHead(502).end('bad gateway'));
    expect(await failureOf(client(broken).request('GET', '/z'))).toMatchObject({ kind: 'unavailable', message: 'GET /z: HTTP 502' });
  });
});
