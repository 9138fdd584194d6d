import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Answer, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, VALIDITY } from './support.js';
import { AVAILABLE, EMAIL_TOKEN, MSISDN_TOKEN as SMS_TOKEN, sendLimits } from '../support/constants.js';

function expectLimited(res: Answer) {
  expect(res.status).toBe(429);
  expect(res.body.errcode).toBe('M_LIMIT_EXCEEDED');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('rate limits', () => {
  let h: Harness;
  const clock = new TestClock(Date.now());
  let n = 0;
  beforeAll(async () => {
    h = await startHarness({
      clock,
      mode: 'admin_api',
      messaging: true,
      config: {
        registration: { flows: [['m.login.email.identity'], ['m.login.msisdn']] },
        rateLimits: {
          register: { max: 3, windowSeconds: 60 },
          available: { max: 3, windowSeconds: 60 },
          tokenValidity: { max: 2, windowSeconds: 60 },
          smsPerDay: 2,
        },
        threepid: {
          brandName: 'Example Chat',
          email: { from: 'Example Chat <no-reply@example.org>' },
          msisdn: { senderId: 'ExampleChat' },
          rateLimits: sendLimits(2, 3),
        },
        clientIp: { trustedProxyHeader: 'X-Forwarded-For', trustedProxies: 1 },
      },
    });
  });
  afterAll(() => h.close());

  it('limits /register per client IP, and lets the client in again after the window', async () => {
    const ip = '192.0.2.1';
    for (let i = 0; i < 3; i++) expect((await call(h, REGISTER, { body: {}, ip })).status).toBe(401);
    const limited = await call(h, REGISTER, { body: {}, ip });
    expectLimited(limited);
    expect((await call(h, REGISTER, { body: {}, ip: '192.0.2.2' })).status).toBe(401);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    expect((await call(h, REGISTER, { body: {}, ip })).status).toBe(401);
  });

  it('limits /register/available per client IP', async () => {
    const ip = '192.0.2.3';
    for (let i = 0; i < 3; i++) expect((await call(h, `${AVAILABLE}?username=free${i}`, { ip })).status).toBe(200);
    expectLimited(await call(h, `${AVAILABLE}?username=free9`, { ip }));
    clock.advance(60_000);
    expect((await call(h, `${AVAILABLE}?username=free9`, { ip })).status).toBe(200);
  });

  it('limits the token validity endpoint per client IP', async () => {
    const ip = '192.0.2.4';
    for (let i = 0; i < 2; i++) expect((await call(h, `${VALIDITY}?token=guess${i}`, { ip })).body).toEqual({ valid: false });
    const limited = await call(h, `${VALIDITY}?token=guess9`, { ip });
    expectLimited(limited);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    expect((await call(h, `${VALIDITY}?token=guess9`, { ip })).status).toBe(200);
  });

  it('limits requestToken per client IP and per address', async () => {
    const ip = '192.0.2.5';
    const ask = (email: string, from = ip) =>
      call(h, EMAIL_TOKEN, { body: { client_secret: `cs${++n}`, email, send_attempt: 1 }, ip: from });
    expect((await ask('one@example.org')).status).toBe(200);
    expect((await ask('one@example.org')).status).toBe(200);
    expectLimited(await ask('one@example.org', '192.0.2.6'));
    expect((await ask('two@example.org')).status).toBe(200);
    const limited = await ask('three@example.org');
    expectLimited(limited);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    expect((await ask('three@example.org')).status).toBe(200);
  });

  it('stops sending SMS for the day at the tenant ceiling, and starts again the next UTC day', async () => {
    clock.advance(3_600_000);
    const ask = (number: string, from: string) =>
      call(h, SMS_TOKEN, { body: { client_secret: `cs${++n}`, country: 'GB', phone_number: number, send_attempt: 1 }, ip: from });
    expect((await ask('07400 100001', '192.0.2.20')).status).toBe(200);
    expect((await ask('07400 100002', '192.0.2.21')).status).toBe(200);
    const limited = await ask('07400 100003', '192.0.2.22');
    expectLimited(limited);
    expect(h.outbox!.messages().filter((m) => m.to === '+447400100003')).toHaveLength(0);
    // The limited attempt sent nothing and can be asked for again tomorrow with the same send_attempt.
    const midnight = (Math.floor(clock.now() / 86_400_000) + 1) * 86_400_000;
    expect(Number(limited.headers.get('retry-after'))).toBe(Math.ceil((midnight - clock.now()) / 1000));
    clock.advance(midnight - clock.now());
    expect((await ask('07400 100003', '192.0.2.22')).status).toBe(200);
    expect(h.outbox!.messages().filter((m) => m.to === '+447400100003')).toHaveLength(1);
  });

  it('takes the client IP from the trusted proxy header, ignoring what the client wrote to its left', async () => {
    const spoofed = (i: number) => ({ 'x-forwarded-for': `10.9.9.${i}, 192.0.2.30` });
    for (let i = 0; i < 3; i++) expect((await call(h, REGISTER, { body: {}, ip: '198.51.100.1', headers: spoofed(i) })).status).toBe(401);
    expectLimited(await call(h, REGISTER, { body: {}, ip: '198.51.100.2', headers: spoofed(7) }));
  });
});

describe('the client IP without a trusted proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock: new TestClock(Date.now()), config: { rateLimits: { register: { max: 2, windowSeconds: 60 } } } });
  });
  afterAll(() => h.close());

  it('comes from the Lambda event; a forwarded-for header cannot dodge the limit', async () => {
    for (let i = 0; i < 2; i++)
      expect((await call(h, REGISTER, { body: {}, ip: '192.0.2.40', headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status).toBe(401);
    expectLimited(await call(h, REGISTER, { body: {}, ip: '192.0.2.40', headers: { 'x-forwarded-for': '10.0.0.99' } }));
  });
});
