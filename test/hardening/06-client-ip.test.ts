/**
 * Hardening 6: client IP handling. IPv6 clients are counted by network (a /64 unless configured), a
 * trusted header's port is stripped (IPv4, bracketed and CloudFront's unbracketed IPv6), a value that is
 * not an address is not believed (the request's own address is used) and never becomes a key, stored
 * keys hold no address in clear, and `npm start` sees the socket address so deny ranges match locally.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalFrontDoor } from '../../local/start.js';
import { REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, PASSWORD, startWithCaptcha } from '../gating/support.js';
import { AVAILABLE, EMAIL_TOKEN, sendLimits } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';

const CAPTCHA_SECRET = 'hardening-6-captcha-secret';
const available = (h: Harness, ip: string, headers: Record<string, string> = {}) =>
  call(h, `${AVAILABLE}?username=someone${Math.random().toString(36).slice(2, 8)}`, { ip, headers });

describe('hardening 6: client IP handling', () => {
  describe('IPv6 clients', () => {
    const h = useHarness(() =>
      startWithCaptcha(CAPTCHA_SECRET, {
        captcha: { provider: 'turnstile', publicKey: 'pk' },
        clock: new TestClock(Date.now()),
        messaging: true,
        mode: 'admin_api',
        config: {
          rateLimits: { available: { max: 5, windowSeconds: 60 } },
          registration: { flows: [['m.login.recaptcha', 'm.login.email.identity']] },
          threepid: { ...THREEPID, rateLimits: sendLimits(100, 100) },
          gate: { sendsPerPass: 2 },
        },
      }),
    );

    it('counts every address of one /64 against one allowance', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 12; i++) statuses.push((await available(h, `2001:db8:aa:1::${i.toString(16)}`)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // The next /64 is someone else.
      expect((await available(h, '2001:db8:aa:2::1')).status).toBe(200);
    });

    it('lets a stock client spend its gate pass from another address of the same /64', async () => {
      const first = await call(h, REGISTER, { body: { username: 'sixclient', password: PASSWORD }, ip: '2001:db8:cc:1::10' });
      const session = first.body.session;
      const passed = await call(h, REGISTER, {
        body: { auth: { type: 'm.login.recaptcha', session, response: 'pass:chat.example.org:six' } },
        ip: '2001:db8:cc:1::10',
      });
      expect(passed.body.completed).toEqual(['m.login.recaptcha']);
      const ask = (ip: string) =>
        call(h, EMAIL_TOKEN, { body: { client_secret: `six-${ip.replace(/:/g, '')}`, email: 'six@example.org', send_attempt: 1 }, ip });
      expect((await ask('2001:db8:cc:1:ffff::abcd')).status).toBe(200);
      expect((await ask('2001:db8:cc:2::10')).status).toBe(403);
    });
  });

  describe('a tenant that counts IPv6 clients by /48', () => {
    let wide: Harness;
    beforeAll(async () => {
      wide = await startHarness({
        clock: new TestClock(Date.now()),
        config: { rateLimits: { available: { max: 5, windowSeconds: 60 } }, clientIp: { ipv6PrefixLength: 48 } },
      });
    });
    afterAll(() => wide.close());

    it('counts every /64 of one /48 against one allowance', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 8; i++) statuses.push((await available(wide, `2001:db8:bb:${i.toString(16)}::1`)).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect((await available(wide, '2001:db8:bc::1')).status).toBe(200);
    });
  });

  describe('a trusted CloudFront-Viewer-Address header', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        clock: new TestClock(Date.now()),
        messaging: true,
        config: {
          registration: {
            flows: [
              ['m.login.terms', 'm.login.dummy'],
              ['m.login.terms', 'm.login.email.identity'],
            ],
          },
          clientIp: { trustedProxyHeader: 'CloudFront-Viewer-Address' },
          signup: { deniedIpRanges: ['192.0.2.0/24', '2001:db8:bad::/48', '198.18.0.0/15'] },
          rateLimits: { available: { max: 3, windowSeconds: 60 } },
          threepid: { ...THREEPID, rateLimits: sendLimits(100, 100) },
        },
      });
    });
    afterAll(() => h.close());

    const viewer = (value: string) => ({ 'cloudfront-viewer-address': value });
    const start = (value: string, ip = '198.51.100.1') =>
      call(h, REGISTER, {
        body: { username: `v${Math.random().toString(36).slice(2, 9)}`, password: PASSWORD },
        ip,
        headers: viewer(value),
      });

    it('strips the port of an IPv4 address, a bracketed and an unbracketed IPv6 address before deny ranges', async () => {
      for (const value of ['192.0.2.7:5678', '[2001:db8:bad::7]:443', '2001:db8:bad::7:46532', '2001:db8:bad:0:1:2:3:4:443']) {
        expect((await start(value)).body, value).toMatchObject({ errcode: 'M_FORBIDDEN' });
      }
      for (const value of ['203.0.113.7:5678', '[2001:db8:900d::7]:443', '2001:db8:900d::7:46532'])
        expect((await start(value)).status, value).toBe(401);
    });

    it('counts one viewer once, whatever source port each request came from', async () => {
      const statuses: number[] = [];
      for (let port = 40000; port < 40006; port++)
        statuses.push((await available(h, '198.51.100.1', viewer(`203.0.113.99:${port}`))).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    });

    it('does not believe a value that is not an address, and uses the address the request came from', async () => {
      for (const value of ['x'.repeat(3000), 'not-an-ip', '203.0.113.5:notaport', '[203.0.113.5]:1', '999.1.1.1:80']) {
        // The request itself came from a denied range: that is the address that counts.
        expect((await start(value, '198.18.0.9')).body, value.slice(0, 20)).toMatchObject({ errcode: 'M_FORBIDDEN' });
        const allowed = await start(value, '198.51.100.200');
        expect(allowed.status, value.slice(0, 20)).toBe(401);
      }
    });

    it('never answers a 5xx to a huge or odd header value, on any per-IP path', async () => {
      const odd = ['x'.repeat(3000), `${'1'.repeat(2000)}:80`, '[' + 'f'.repeat(1500) + ']:443', ' , , ', ':::::', '1.2.3.4:99999999'];
      for (const value of odd) {
        const statuses = [
          (await start(value)).status,
          (await available(h, '198.51.100.2', viewer(value))).status,
          (
            await call(h, EMAIL_TOKEN, {
              body: { client_secret: `odd${Math.random().toString(36).slice(2)}`, email: 'odd@example.org', send_attempt: 1 },
              ip: '198.51.100.3',
              headers: viewer(value),
            })
          ).status,
        ];
        for (const status of statuses) expect(status, value.slice(0, 20)).toBeLessThan(500);
      }
    });

    it('keeps no client address in clear in any stored item', async () => {
      const address = '203.0.113.231';
      await start(`${address}:1234`);
      await available(h, '198.51.100.4', viewer(`${address}:1235`));
      await call(h, EMAIL_TOKEN, {
        body: { client_secret: 'clear-check', email: 'clear@example.org', send_attempt: 1 },
        ip: '198.51.100.5',
        headers: viewer(`${address}:1236`),
      });
      const dump = JSON.stringify(await h.items());
      expect(dump).not.toContain(address);
    });
  });
});

describe('hardening 6: npm start passes the socket address to the app', () => {
  let local: LocalFrontDoor;
  beforeAll(async () => {
    const dev = JSON.parse(readFileSync(fileURLToPath(new URL('../../local/dev-config.json', import.meta.url)), 'utf8'));
    delete dev.threepid;
    // A password reset needs a verified address: without `threepid` it goes too.
    delete dev.recovery;
    dev.registration.flows = [['m.login.terms', 'm.login.dummy']];
    dev.signup = { deniedIpRanges: ['127.0.0.0/8', '::1'] };
    const path = join(mkdtempSync(join(tmpdir(), 'hardening-6-')), 'config.json');
    writeFileSync(path, JSON.stringify(dev));
    local = await startLocal(
      { ...process.env, FRONT_DOOR_CONFIG: path, PORT: '0', DEV_HOMESERVER_PORT: '0', TABLE_NAME: 'hardening-6-local' },
      { quiet: true },
    );
  });
  afterAll(() => local.stop());

  it('refuses a client of this machine when the tenant denies 127.0.0.0/8, over real HTTP', async () => {
    const res = await fetch(`${local.url}/_matrix/client/v3/register`, {
      method: 'POST',
      body: JSON.stringify({ username: 'localuser', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errcode: 'M_FORBIDDEN', error: 'Registration is not available from your network' });
  });
});
