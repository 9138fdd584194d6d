/**
 * Hardening 3 (the rate-limit part): `/register` and `/register/available` were limited only when the
 * tenant config had a `rateLimits` section. They are limited per client IP by default now (60 a minute
 * each), and an operator can loosen (or tighten) either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call } from '../gating/support.js';
import { AVAILABLE } from '../support/constants.js';

/** The defaults, a minute each. */
const REGISTER_DEFAULT = 60;
const AVAILABLE_DEFAULT = 60;

/** A /register call that holds no name and needs no homeserver: it only asks about a session that does not exist. */
const probe = (h: Harness, ip: string, prefix = 'v3') =>
  call(h, REGISTER.replace('v3', prefix), { body: { auth: { type: 'm.login.dummy', session: 'NoSuchSession' } }, ip });
const askName = (h: Harness, ip: string, i: number) => call(h, `${AVAILABLE}?username=free${i}`, { ip });

describe('hardening 3: /register and /register/available are rate limited by default', () => {
  let h: Harness;
  let loose: Harness;
  beforeAll(async () => {
    // `rateLimits: undefined`: the tenant config says nothing about limits (the harness's own loose ones are dropped).
    h = await startHarness({ clock: new TestClock(Date.now()), config: { rateLimits: undefined } });
    loose = await startHarness({ clock: new TestClock(Date.now()), config: { rateLimits: { register: { max: 500, windowSeconds: 60 } } } });
  });
  afterAll(async () => {
    await h.close();
    await loose.close();
  });

  it('limits /register per client IP with no rateLimits in the config, under both prefixes together', async () => {
    const ip = '198.51.100.31';
    for (let i = 0; i < REGISTER_DEFAULT; i++) expect((await probe(h, ip, i % 2 ? 'r0' : 'v3')).status).toBe(400);
    const limited = await probe(h, ip);
    expect(limited).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await probe(h, ip, 'r0')).status).toBe(429);
    expect((await probe(h, '198.51.100.32')).status).toBe(400);
  });

  it('limits /register/available per client IP with no rateLimits in the config', async () => {
    const ip = '198.51.100.33';
    for (let i = 0; i < AVAILABLE_DEFAULT; i++) expect((await askName(h, ip, i)).status).toBe(200);
    expect((await askName(h, ip, 999)).body).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED' });
    expect((await askName(h, '198.51.100.34', 999)).status).toBe(200);
  });

  it('lets an operator loosen the limit', async () => {
    const ip = '198.51.100.35';
    for (let i = 0; i < REGISTER_DEFAULT + 20; i++) expect((await probe(loose, ip)).status).toBe(400);
  });
});
