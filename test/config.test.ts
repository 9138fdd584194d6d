import { describe, expect, it } from 'vitest';
import { applyEnvOverrides, parseTenantConfig } from '../functions/config/tenant-config.js';
import { ConfigError } from '../functions/model/config-error.js';
import { secretsFromEnv } from '../functions/compose/tenant-secrets.js';
import { flowSetFromConfig } from '../functions/compose/flows.js';

const base = {
  serverName: 'example.org',
  homeserver: { url: 'http://127.0.0.1:8008', mode: 'shared_secret' },
  registration: { flows: [['m.login.dummy']] },
};

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('the tenant configuration', () => {
  it('fills in the defaults', () => {
    const config = parseTenantConfig(base);
    expect(config.registration.sessionLifetimeSeconds).toBe(3600);
    expect(config.password).toEqual({ minLength: 8, maxLength: 512 });
  });

  it('names every problem with its path', () => {
    const problems = problemsOf(() =>
      parseTenantConfig({ ...base, serverName: '', homeserver: { url: 'ftp://x', mode: 'magic' }, extra: 1 }),
    );
    expect(problems.some((p) => p.startsWith('serverName'))).toBe(true);
    expect(problems.some((p) => p.startsWith('homeserver.url'))).toBe(true);
    expect(problems.some((p) => p.startsWith('homeserver.mode'))).toBe(true);
    expect(problems.some((p) => p.includes('extra'))).toBe(true);
  });

  it('refuses a password maximum over 512', () => {
    expect(problemsOf(() => parseTenantConfig({ ...base, password: { minLength: 8, maxLength: 600 } }))).not.toHaveLength(0);
  });

  it('refuses flows that cannot work: terms without policies, an unsupported stage, a flow hidden by another', () => {
    const config = parseTenantConfig({
      ...base,
      registration: { flows: [['m.login.terms'], ['m.login.terms', 'm.login.dummy'], ['m.login.recaptcha']] },
    });
    const problems = problemsOf(() => flowSetFromConfig(config));
    expect(problems.some((p) => p.includes('terms.policies'))).toBe(true);
    expect(problems.some((p) => p.includes('m.login.recaptcha'))).toBe(true);
    expect(problems.some((p) => p.includes('can never be used'))).toBe(true);
  });

  it('lets the environment override the file', () => {
    const config = parseTenantConfig(
      applyEnvOverrides(base, { HOMESERVER_URL: 'https://matrix.example.org', SERVER_NAME: 'other.org', PORT: '9000' }),
    );
    expect(config.homeserver.url).toBe('https://matrix.example.org');
    expect(config.serverName).toBe('other.org');
    expect(config.port).toBe(9000);
  });

  it('keeps domains lower case without leading dots, and refuses one with nothing else: every host ending in a dot would match ""', () => {
    const threepid = { brandName: 'B', publicBaseUrl: 'https://register.example.org', email: { from: 'a@example.org' } };
    const domains = (allowedDomains: string[]) => ({ ...base, threepid: { ...threepid, email: { ...threepid.email, allowedDomains } } });
    expect(parseTenantConfig(domains(['..Example.ORG'])).threepid?.email?.allowedDomains).toEqual(['example.org']);
    expect(problemsOf(() => parseTenantConfig(domains(['..'])))).toEqual([expect.stringMatching(/^threepid\.email\.allowedDomains\.0: /)]);
    // The sign-up page's own host, added to the next_link hosts, is written the same way: a second parse adds nothing.
    const page = parseTenantConfig({
      ...base,
      threepid: { ...threepid, nextLinkDomains: ['app.example.org'] },
      pages: { brand: { name: 'P' }, publicBaseUrl: 'https://.Signup.example.org' },
    });
    expect(page.threepid?.nextLinkDomains).toEqual(['app.example.org', 'signup.example.org']);
    expect(parseTenantConfig(page)).toEqual(page);
  });

  it('requires the secret of the chosen creation mode and a 32-byte key', () => {
    const config = parseTenantConfig(base);
    const problems = problemsOf(() => secretsFromEnv(config, { FRONT_DOOR_ENCRYPTION_KEY: 'c2hvcnQ=' }));
    expect(problems.some((p) => p.startsWith('REGISTRATION_SHARED_SECRET'))).toBe(true);
    expect(problems.some((p) => p.startsWith('FRONT_DOOR_ENCRYPTION_KEY'))).toBe(true);
  });
});
