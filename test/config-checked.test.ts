/**
 * The config the stack hands each function (config/checked-config.ts): parsed at synth, with the digest of
 * its JSON. The cold start takes it as it is when the digest matches and no override needs the schema, and
 * parses anything else in full. Taking it as it is is right only because a parsed config survives its JSON
 * round trip and a parse of its own output unchanged: held here for the repository's configs, one with every
 * section and every rewriting rule, and generated values for those rules.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIGEST_VARIABLE, checkedConfigEnv } from '../functions/config/checked-config.js';
import { applyEnvOverrides, parseTenantConfig, type TenantConfig } from '../functions/config/tenant-config.js';
import { tenantConfig } from '../functions/entries/cold-start.js';
import { ConfigError } from '../functions/model/config-error.js';

const base = {
  serverName: 'example.org',
  homeserver: { url: 'http://127.0.0.1:8008', mode: 'shared_secret' },
  registration: { flows: [['m.login.dummy']] },
};
const parsed = parseTenantConfig(base);
/** What the schema refuses (a minimum length of 0): a config holding it was not parsed on the way. */
const unparsable = { ...parsed, password: { minLength: 0, maxLength: 512 } } as TenantConfig;

const problemsOf = async (config: Promise<unknown>): Promise<string[]> => {
  const error = await config.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ConfigError) return error.problems;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
};

describe('the config a function takes at cold start', () => {
  it('is the stack’s as it is when the digest matches: nothing checks it again', async () => {
    expect(await tenantConfig(checkedConfigEnv(unparsable))).toEqual(unparsable);
    expect(await tenantConfig(checkedConfigEnv(parsed))).toEqual(parsed);
  });

  it('is parsed in full without a digest or with another one, and a bad one fails naming the path', async () => {
    const { FRONT_DOOR_CONFIG_JSON } = checkedConfigEnv(unparsable);
    for (const env of [{ FRONT_DOOR_CONFIG_JSON }, { FRONT_DOOR_CONFIG_JSON, [CONFIG_DIGEST_VARIABLE]: '0'.repeat(64) }]) {
      expect(await problemsOf(tenantConfig(env))).toEqual([expect.stringMatching(/^password\.minLength: /)]);
    }
    // Edited by hand after the deployment (its digest no longer matches): the parse fills in what was left out.
    const edited = { ...checkedConfigEnv(parsed), FRONT_DOOR_CONFIG_JSON: JSON.stringify(base) };
    expect(await tenantConfig(edited)).toEqual(parsed);
  });

  it.each(['HOMESERVER_URL', 'SERVER_NAME', 'PORT'])('is parsed in full when %s overrides it', async (name) => {
    expect(await problemsOf(tenantConfig({ ...checkedConfigEnv(unparsable), [name]: '9000' }))).toContain(
      'password.minLength: Too small: expected number to be >=1',
    );
  });

  it('is parsed in full for every override but TABLE_NAME that applyEnvOverrides reads (a new one too)', async () => {
    const read = new Set<string>();
    applyEnvOverrides(base, new Proxy({}, { get: (_, name) => void read.add(String(name)) }));
    expect(read).toContain('TABLE_NAME');
    for (const name of [...read].filter((n) => n !== 'TABLE_NAME')) {
      await expect(tenantConfig({ ...checkedConfigEnv(unparsable), [name]: '9000' }), name).rejects.toThrow(ConfigError);
    }
    expect(await tenantConfig({ ...checkedConfigEnv(parsed), PORT: '9000' })).toMatchObject({ port: 9000 });
  });

  it('takes the stack’s TABLE_NAME (the table is named at deployment, after the digest), checked by the schema’s rule', async () => {
    expect(await tenantConfig({ ...checkedConfigEnv(unparsable), TABLE_NAME: 'tenant-sessions' })).toEqual({
      ...unparsable,
      tableName: 'tenant-sessions',
    });
    // Too short: the full parse says why (and finds the rest).
    expect(await problemsOf(tenantConfig({ ...checkedConfigEnv(unparsable), TABLE_NAME: 'ab' }))).toEqual([
      expect.stringMatching(/^password\.minLength: /),
      expect.stringMatching(/^tableName: /),
    ]);
    expect(await problemsOf(tenantConfig({ ...checkedConfigEnv(parsed), TABLE_NAME: 'x'.repeat(256) }))).toEqual([
      expect.stringMatching(/^tableName: /),
    ]);
    expect(await tenantConfig({ ...checkedConfigEnv(parsed), TABLE_NAME: 'x'.repeat(255) })).toMatchObject({ tableName: 'x'.repeat(255) });
  });
});

const repositoryFile = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

/** Every section, and every rule that rewrites what it reads: case, leading dots, spaces around URLs, the page's host. */
const EVERY_SECTION = {
  serverName: 'example.org',
  homeserver: {
    url: ' https://matrix.example.org ',
    clientUrl: 'https://client.example.org',
    mode: 'admin_api',
    timeoutMs: 2500,
    adminHeader: 'X-Admin-Gate',
  },
  registration: {
    flows: [
      ['m.login.terms', 'm.login.recaptcha', 'm.login.email.identity'],
      ['m.login.registration_token', 'm.login.msisdn'],
    ],
  },
  username: { reserved: ['admin'], holdSeconds: 300 },
  password: { minLength: 10 },
  terms: {
    policies: {
      terms_of_service: {
        version: '2.0',
        en: { name: 'Terms', url: 'https://example.org/terms' },
        de: { name: 'AGB', url: 'https://example.org/de/agb' },
      },
    },
  },
  threepid: {
    brandName: 'Example Chat',
    publicBaseUrl: 'https://Register.Example.org/',
    email: {
      from: 'Example Chat <no-reply@example.org>',
      allowedDomains: ['Example.ORG', '..Mail.example.net'],
      deniedDomains: ['.Spam.example'],
      templates: { subject: 'Your code' },
    },
    msisdn: { senderId: 'Example', allowedCountries: ['gb', 'Ie'], deniedCountries: ['fr'], maxPriceUsd: 0.05, template: '{{code}}' },
    enumerationSafe: true,
    addWithoutToken: { msisdn: 'refuse' },
    nextLinkDomains: ['APP.example.org', '.web.example.org'],
    rateLimits: { perAddress: { max: 3, windowSeconds: 600 } },
  },
  signup: {
    username: { minLength: 3, deny: [{ match: 'regex', pattern: '^admin' }] },
    password: { requireDigit: true, minCharacterClasses: 2 },
    email: { blockDisposable: false },
    deniedIpRanges: ['192.0.2.0/24', '2001:db8::/32'],
  },
  captcha: { provider: 'hcaptcha', publicKey: 'site-key', hostnames: ['Register.Example.ORG'] },
  rateLimits: { register: { max: 30, windowSeconds: 60 }, smsPerDay: 100 },
  gate: { sendsPerPass: 2 },
  clientIp: { trustedProxyHeader: 'CloudFront-Viewer-Address', ipv6PrefixLength: 56 },
  pages: {
    brand: { name: 'Example', colors: { accent: '#0d7a5f', background: '#fff', text: '#111' } },
    publicBaseUrl: 'https://Signup.Example.org',
    languages: ['en', 'de'],
  },
  recovery: { enumerationSafe: true },
  records: { termsRetentionDays: 400 },
  events: { eventBridge: { busName: 'bus' }, webhook: { url: 'https://hooks.example.org/events' } },
  onboarding: { rooms: ['#welcome:example.org'] },
  approval: { when: { withoutToken: true, unlessEmailIn: ['Staff.Example.org'] }, operatorEmails: ['ops@example.org'] },
  decisionHook: { url: 'https://hooks.example.org/decide', onFailure: 'open' },
  observability: { smsPriceUsd: 0.04 },
  cors: { allowedOrigins: ['https://app.example.org'] },
  tableName: 'front-door-example',
  port: 9000,
};

/** The stack's JSON, read back as the function reads it; and what a parse of it makes. */
function roundTrip(input: unknown) {
  const config = parseTenantConfig(input);
  const taken = JSON.parse(checkedConfigEnv(config).FRONT_DOOR_CONFIG_JSON);
  return { config, taken, parsedAgain: parseTenantConfig(taken) };
}

describe('a parsed config taken as it is', () => {
  it.each([
    ['infra/tenants/example-org.json', repositoryFile('infra/tenants/example-org.json').frontDoor],
    ['infra/tenants/example-net.json', repositoryFile('infra/tenants/example-net.json').frontDoor],
    ['local/dev-config.json', repositoryFile('local/dev-config.json')],
    ['every section', EVERY_SECTION],
    ['the defaults', base],
  ])('is the config parsed at synth, and what a parse of it gives: %s', (_, input) => {
    const { config, taken, parsedAgain } = roundTrip(input);
    // Only JSON's values, and no key set to undefined (JSON drops those).
    expect(taken).toStrictEqual(config);
    expect(parsedAgain).toStrictEqual(taken);
  });

  it('normalised the rewritten values in the config with every section (the case above checks something)', () => {
    const { threepid, captcha, clientIp, approval, homeserver } = roundTrip(EVERY_SECTION).taken;
    expect(homeserver.url).toBe('https://matrix.example.org');
    expect(threepid.email.allowedDomains).toEqual(['example.org', 'mail.example.net']);
    expect(threepid.msisdn.allowedCountries).toEqual(['GB', 'IE']);
    expect(threepid.nextLinkDomains).toEqual(['app.example.org', 'web.example.org', 'signup.example.org']);
    expect(captcha.hostnames).toEqual(['register.example.org']);
    expect(clientIp.trustedProxyHeader).toBe('cloudfront-viewer-address');
    expect(approval.when.unlessEmailIn).toEqual(['staff.example.org']);
  });

  it('holds for any value the rewriting rules accept', () => {
    const threepid = { brandName: 'B', publicBaseUrl: 'https://register.example.org' };
    /** Each rule in a config of its own, so that a value one rule refuses leaves the others tried. */
    const RULES: ((value: string) => unknown)[] = [
      (v) => ({ ...base, threepid: { ...threepid, email: { from: 'a@b.c', allowedDomains: [v], deniedDomains: [v] } } }),
      (v) => ({ ...base, threepid: { ...threepid, msisdn: { allowedCountries: [v], deniedCountries: [v] } } }),
      (v) => ({ ...base, threepid: { ...threepid, nextLinkDomains: [v] }, pages: { brand: { name: 'P' } } }),
      (v) => ({
        ...base,
        threepid: { ...threepid, nextLinkDomains: ['a.example'] },
        pages: { brand: { name: 'P' }, publicBaseUrl: `https://${v}/` },
      }),
      (v) => ({ ...base, homeserver: { ...base.homeserver, url: `${v}http://${v}.example.org${v}` } }),
      (v) => ({ ...base, captcha: { provider: 'turnstile', publicKey: 'k', hostnames: [v] } }),
      (v) => ({ ...base, clientIp: { trustedProxyHeader: v } }),
      (v) => ({ ...base, approval: { when: { unlessEmailIn: [v] } } }),
    ];
    const value = fc.string({ unit: fc.constantFrom('.', 'a', 'B', 'İ', 'ß', '-', ' ', '\t', '1'), maxLength: 8 });
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(RULES.length - 1), value, (rule, v) => {
        let config: TenantConfig;
        try {
          config = parseTenantConfig(RULES[rule]!(v));
        } catch (error) {
          if (error instanceof ConfigError) return;
          throw error;
        }
        accepted += 1;
        const taken = JSON.parse(JSON.stringify(config));
        expect(taken).toStrictEqual(config);
        expect(parseTenantConfig(taken)).toStrictEqual(taken);
      }),
      { numRuns: 400, seed: 20260518 },
    );
    // Most values pass some rule: the property was tried, not skipped.
    expect(accepted).toBeGreaterThan(100);
  });
});
