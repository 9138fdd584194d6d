import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock } from '../support/test-clock.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/model/config-error.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { inDomainSet, loadDisposableDomains } from '../../functions/policy/email-domains.js';
import { REGISTER } from '../support/harness.js';
import { call } from './support.js';
import { AVAILABLE, EMAIL_TOKEN } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';

const SIGNUP = {
  username: {
    minLength: 3,
    maxLength: 20,
    deny: [
      { match: 'literal', pattern: 'root' },
      { match: 'substring', pattern: 'admin' },
      { match: 'prefix', pattern: 'official' },
      { match: 'regex', pattern: '^support[0-9]*$' },
    ],
  },
  password: { requireDigit: true, requireUppercase: true, requireSymbol: false, minCharacterClasses: 3 },
  deniedIpRanges: ['203.0.113.0/24', '2001:db8:bad::/48', '192.0.2.77'],
};

describe('sign-up policy', () => {
  const h = useHarness({
    clock: new TestClock(Date.now()),
    mode: 'admin_api',
    messaging: true,
    config: {
      registration: { flows: [['m.login.email.identity']] },
      username: { reserved: ['postmaster'] },
      signup: SIGNUP,
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>', deniedDomains: ['blocked.example'] } },
    },
  });

  const available = (username: string, ip?: string) => call(h, `${AVAILABLE}?username=${encodeURIComponent(username)}`, { ip });
  const register = (username: string, password: string) => call(h, REGISTER, { body: { username, password } });

  it.each([
    ['ab', 'Username must be at least 3 characters long'],
    ['a'.repeat(21), 'Username must be at most 20 characters long'],
    ['root', 'This username is not allowed on this server'],
    ['superadmin2', 'This username is not allowed on this server'],
    ['officialnews', 'This username is not allowed on this server'],
    ['support42', 'This username is not allowed on this server'],
    ['postmaster', 'This username is reserved'],
  ])('refuses the username %s with M_INVALID_USERNAME', async (username, message) => {
    expect(await available(username)).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_USERNAME', error: message } });
    expect(await register(username, 'Str0ng-enough')).toMatchObject({
      status: 400,
      body: { errcode: 'M_INVALID_USERNAME', error: message },
    });
  });

  it.each(['rooted', 'adm', 'supporter', 'newsofficial', 'ROOTS'])(
    'lets %s through (a rule matches only what it says)',
    async (username) => {
      expect(await available(username)).toMatchObject({ status: 200, body: { available: true } });
    },
  );

  it.each([
    ['short1A', 'Password must be at least 8 characters long'],
    ['nouppercase1', 'Password must contain an uppercase letter'],
    ['NoDigitsHere', 'Password must contain a digit'],
    ['Password1', 'This password is too common; choose a less predictable one'],
    ['Carefuluser9', 'Password must not contain the username'],
  ])('refuses the password %s with M_WEAK_PASSWORD: %s', async (password, message) => {
    expect(await register('carefuluser', password)).toMatchObject({ status: 400, body: { errcode: 'M_WEAK_PASSWORD', error: message } });
  });

  it('accepts a password that keeps every rule', async () => {
    expect((await register('goodpass', 'Tr1cky-horse')).status).toBe(401);
  });

  it('refuses disposable and denied email domains with M_THREEPID_DENIED before sending anything', async () => {
    for (const email of ['throwaway@mailinator.com', 'x@sub.yopmail.com', 'someone@blocked.example']) {
      const res = await call(h, EMAIL_TOKEN, { body: { client_secret: 'cs1', email, send_attempt: 1 } });
      expect(res, email).toMatchObject({ status: 403, body: { errcode: 'M_THREEPID_DENIED' } });
    }
    expect((await call(h, EMAIL_TOKEN, { body: { client_secret: 'cs1', email: 'real@example.org', send_attempt: 1 } })).status).toBe(200);
    const mails = await h.mail!.mails();
    expect(mails.some((m) => m.to.some((t: string) => /mailinator|yopmail|blocked/.test(t)))).toBe(false);
  });

  it.each(['203.0.113.9', '2001:db8:bad:1::5', '192.0.2.77', '::ffff:203.0.113.200'])(
    'refuses every registration endpoint to a client at %s',
    async (ip) => {
      expect(await available('fromdenied', ip)).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
      expect(await call(h, REGISTER, { body: {}, ip })).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
      expect(await call(h, EMAIL_TOKEN, { body: { client_secret: 'cs2', email: 'a@example.org', send_attempt: 1 }, ip })).toMatchObject({
        status: 403,
      });
    },
  );

  it.each(['203.0.114.1', '2001:db8:bae::1', '192.0.2.78'])('serves a client just outside the ranges (%s)', async (ip) => {
    expect((await available('fromallowed', ip)).status).toBe(200);
  });
});

describe('the policy configuration', () => {
  const base = {
    serverName: 'localhost',
    homeserver: { url: 'http://127.0.0.1:1', mode: 'shared_secret' },
    registration: { flows: [['m.login.dummy']] },
  };
  const problems = (signup: unknown) => {
    try {
      parseTenantConfig({ ...base, signup });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('names a bad regex, a bad CIDR and impossible lengths', () => {
    expect(problems({ username: { deny: [{ match: 'regex', pattern: '(' }] } })[0]).toMatch(/signup.username.deny.0.pattern/);
    expect(problems({ deniedIpRanges: ['10.0.0.0/33'] })[0]).toMatch(/impossible prefix/);
    expect(problems({ deniedIpRanges: ['not-an-ip'] })[0]).toMatch(/not an IPv4 or IPv6/);
    expect(problems({ username: { minLength: 10, maxLength: 5 } })[0]).toMatch(/minLength must not exceed maxLength/);
  });

  it('fills sensible defaults for an empty section', () => {
    const config = parseTenantConfig({ ...base, signup: {} });
    expect(config.signup).toMatchObject({
      username: { minLength: 1, maxLength: 255, deny: [] },
      email: { blockDisposable: true },
      deniedIpRanges: [],
    });
    expect(config.signup!.password).toMatchObject({ rejectCommon: true, rejectUsername: true });
  });

  it('ships a disposable-domain list, and takes the operator’s own file instead when given', () => {
    const shipped = loadDisposableDomains();
    expect(shipped.size).toBeGreaterThan(300);
    expect(inDomainSet('a@mailinator.com', shipped)).toBe(true);
    expect(inDomainSet('a@example.org', shipped)).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'disposable-'));
    const path = join(dir, 'mine.txt');
    writeFileSync(path, '# ours\nthrowaway.test\n\n');
    const mine = loadDisposableDomains(path);
    expect([...mine]).toEqual(['throwaway.test']);
    expect(inDomainSet('b@deep.throwaway.test', mine)).toBe(true);
    expect(() => loadDisposableDomains(join(dir, 'missing.txt'))).toThrow(ConfigError);
  });
});
