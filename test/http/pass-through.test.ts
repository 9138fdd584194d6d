/** The homeserver pass-through: the answer as the homeserver gave it, and a Matrix 502 or 504 when none came. */
import { describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { homeserverClientProxy } from '../../functions/adapters/synapse/client-proxy.js';
import { matrixApi } from '../../functions/http/app.js';
import { passThrough } from '../../functions/http/routes/pass-through.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { silentLogger } from '../../functions/model/log.js';

const config = parseTenantConfig({
  tableName: 'tbl',
  serverName: 'example.org',
  homeserver: { url: 'http://hs.invalid', mode: 'admin_api' },
  registration: { flows: [['m.login.dummy']] },
});

/** An app whose one route goes to a homeserver answered (or not) by `fetchImpl`. */
function appWith(fetchImpl: typeof fetch): Hono {
  const proxy = homeserverClientProxy('http://hs.invalid', 1000, fetchImpl);
  return matrixApi(config, silentLogger, (app) => app.post('/_matrix/client/v3/account/3pid/delete', passThrough(proxy)));
}

describe('the homeserver pass-through', () => {
  it('forwards the headers that matter and the body, and returns status, headers and body untouched', async () => {
    let seen: Request | undefined;
    const app = appWith(async (input, init) => {
      seen = new Request(input, init);
      return new Response('{"errcode":"M_MISSING_PARAM","error":"Missing params"}', {
        status: 400,
        headers: { 'content-type': 'application/json', 'x-homeserver': 'yes', 'set-cookie': 'a=b' },
      });
    });
    const res = await app.request('/_matrix/client/v3/account/3pid/delete?x=1', {
      method: 'POST',
      body: '{"medium":"email"}',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json', cookie: 'secret=1', 'x-forwarded-for': '6.6.6.6' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('{"errcode":"M_MISSING_PARAM","error":"Missing params"}');
    expect(res.headers.get('x-homeserver')).toBe('yes');
    expect(seen?.url).toBe('http://hs.invalid/_matrix/client/v3/account/3pid/delete?x=1');
    expect(seen?.headers.get('authorization')).toBe('Bearer tok');
    expect(seen?.headers.get('cookie')).toBeNull();
    // What the client wrote in X-Forwarded-For is never passed on as its address.
    expect(seen?.headers.get('x-forwarded-for')).not.toBe('6.6.6.6');
    expect(await seen?.text()).toBe('{"medium":"email"}');
  });

  it('passes a homeserver 5xx through as it came', async () => {
    const app = appWith(async () => new Response('{"errcode":"M_UNKNOWN","error":"Internal server error"}', { status: 500 }));
    const res = await app.request('/_matrix/client/v3/account/3pid/delete', { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ errcode: 'M_UNKNOWN', error: 'Internal server error' });
  });

  it('answers a refused connection with 502 M_UNKNOWN and a timeout with 504 M_UNKNOWN', async () => {
    const refused = appWith(async () => {
      throw new TypeError('fetch failed');
    });
    const late = appWith(async () => {
      throw new DOMException('timed out', 'TimeoutError');
    });
    const a = await refused.request('/_matrix/client/v3/account/3pid/delete', { method: 'POST', body: '{}' });
    expect(a.status).toBe(502);
    expect(await a.json()).toMatchObject({ errcode: 'M_UNKNOWN' });
    const b = await late.request('/_matrix/client/v3/account/3pid/delete', { method: 'POST', body: '{}' });
    expect(b.status).toBe(504);
    expect(await b.json()).toMatchObject({ errcode: 'M_UNKNOWN' });
  });
});
