/**
 * The function side of the deployment safety of issue 17: the origin header CloudFront adds, the mobile-only
 * check, the SMS price cap on the wire, and the header a homeserver's CDN requires on admin calls.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeserverHttp } from '../../functions/adapters/synapse/http-client.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { secretsFromEnv } from '../../functions/compose/tenant-secrets.js';
import { apiHandler } from '../../functions/entries/cold-start.js';
import { tenantSmsSender } from '../../functions/entries/senders.js';
import { isMobileNumber } from '../../functions/threepid/mobile-number.js';
import { operatorAuth } from '../../functions/http/routes/operator-auth.js';
import { MatrixError } from '../../functions/matrix/errors.js';
import { startSmsOutbox, type SmsOutbox } from '../../local/sms-outbox/index.js';
import { httpApiEvent } from '../support/http-api-event.js';

const SECRET = 'origin-secret-of-the-tests-0123456789';

describe('the origin header, with CloudFront in front of the front door', () => {
  const inner = new Hono();
  inner.get('/_matrix/client/v3/register/available', (c) => c.json({ available: true }));
  inner.notFound((c) => c.json({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, 404));
  const handler = apiHandler(inner, { FRONT_DOOR_ORIGIN_HEADER: 'x-front-door-origin', FRONT_DOOR_ORIGIN_SECRET: SECRET });
  type Answer = { statusCode: number; body: string };
  const call = async (headers: Record<string, string>, path = '/_matrix/client/v3/register/available?username=ann') =>
    (await handler(httpApiEvent('GET', path, undefined, headers) as never, {} as never)) as unknown as Answer;

  it('refuses a request that came around CloudFront (no header) with a Matrix 403', async () => {
    const answer = await call({});
    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });

  it('refuses a wrong value', async () => {
    expect((await call({ 'x-front-door-origin': `${SECRET}x` })).statusCode).toBe(403);
  });

  it('serves a request that carries it, with the inner app’s own answers (its 404 too)', async () => {
    const served = await call({ 'x-front-door-origin': SECRET });
    expect(served.statusCode).toBe(200);
    expect(JSON.parse(served.body)).toEqual({ available: true });
    const unknown = await call({ 'x-front-door-origin': SECRET }, '/nowhere');
    expect(JSON.parse(unknown.body).errcode).toBe('M_UNRECOGNIZED');
  });

  it('fails every invocation, naming the variable, when the header is set but the secret is missing', async () => {
    const broken = apiHandler(inner, { FRONT_DOOR_ORIGIN_HEADER: 'x-front-door-origin' });
    await expect(broken(httpApiEvent('GET', '/x') as never, {} as never)).rejects.toThrow(/FRONT_DOOR_ORIGIN_HEADER/);
  });
});

describe('the mobile-only check (full metadata, in the sms function)', () => {
  it('accepts mobile numbers, and numbers a country does not tell apart from fixed lines', () => {
    expect(isMobileNumber('+447911123456')).toBe(true);
    expect(isMobileNumber('+4915112345678')).toBe(true);
    expect(isMobileNumber('+12015550123')).toBe(true);
  });

  it('refuses fixed lines, premium-rate and toll-free numbers', () => {
    expect(isMobileNumber('+442079460000')).toBe(false);
    expect(isMobileNumber('+449098790000')).toBe(false);
    expect(isMobileNumber('+448001111111')).toBe(false);
    expect(isMobileNumber('+493012345678')).toBe(false);
  });
});

describe('the SMS price cap', () => {
  let outbox: SmsOutbox;
  const saved = process.env.AWS_ENDPOINT_URL_SNS;
  beforeAll(async () => {
    outbox = await startSmsOutbox();
    process.env.AWS_ENDPOINT_URL_SNS = outbox.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SNS;
    else process.env.AWS_ENDPOINT_URL_SNS = saved;
    await outbox.stop();
  });

  it('travels with every SMS as AWS.SNS.SMS.MaxPrice, written as SNS wants it', async () => {
    const config = parseTenantConfig({
      serverName: 'example.org',
      homeserver: { url: 'https://matrix.example.org', mode: 'shared_secret' },
      registration: { flows: [['m.login.dummy']] },
      threepid: { brandName: 'Example', publicBaseUrl: 'https://register.example.org', msisdn: { maxPriceUsd: 0.05 } },
    });
    await tenantSmsSender(config)!.send({ to: '+447911123456', body: 'code 123456' });
    const [sent] = outbox.messages();
    expect(sent!.attributes['AWS.SNS.SMS.MaxPrice']).toBe('0.05');
  });
});

describe('the header a homeserver CDN requires on admin calls', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('goes on /_synapse/admin/ calls only, never on client API calls', async () => {
    const http = homeserverHttp(base, 2000, fetch, { name: 'x-admin-gate', value: 'gate-value' });
    await http.request('GET', '/_synapse/admin/v1/register');
    await http.request('POST', '/_matrix/client/v3/login', { body: {} });
    expect(seen[0]!.headers['x-admin-gate']).toBe('gate-value');
    expect(seen[1]!.headers['x-admin-gate']).toBeUndefined();
  });

  it('needs its value in the secrets when the config names it', () => {
    const config = parseTenantConfig({
      serverName: 'example.org',
      homeserver: { url: 'https://matrix.example.org', mode: 'shared_secret', adminHeader: 'x-admin-gate' },
      registration: { flows: [['m.login.dummy']] },
    });
    const env = { FRONT_DOOR_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), REGISTRATION_SHARED_SECRET: 's' };
    expect(() => secretsFromEnv(config, env)).toThrow(/HOMESERVER_HEADER_VALUE: required when homeserver.adminHeader is set/);
    expect(secretsFromEnv(config, { ...env, HOMESERVER_HEADER_VALUE: 'gate-value' }).homeserverHeaderValue).toBe('gate-value');
  });
});

describe('the operator key beside a SigV4 signature (operatorAuth: "iam")', () => {
  const app = new Hono();
  app.use('*', operatorAuth('operator-key-of-the-tests'));
  app.get('/tokens', (c) => c.json({ ok: true }));
  app.onError((error, c) => (error instanceof MatrixError ? c.json(error.toJSON(), error.status) : c.json({}, 500)));
  const sigv4 = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc';

  it('is taken from X-Operator-Key when Authorization holds the signature', async () => {
    const ok = await app.request('/tokens', { headers: { authorization: sigv4, 'x-operator-key': 'operator-key-of-the-tests' } });
    expect(ok.status).toBe(200);
  });

  it('is still compared: a wrong one, or none, is refused', async () => {
    const wrong = await app.request('/tokens', { headers: { authorization: sigv4, 'x-operator-key': 'operator-key-of-the-testz' } });
    expect(wrong.status).toBe(401);
    const none = await app.request('/tokens', { headers: { authorization: sigv4 } });
    expect(none.status).toBe(401);
  });
});
