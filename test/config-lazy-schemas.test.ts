/**
 * Loading the tenant config's modules builds no zod schema (issue 18): a Lambda's cold start that takes the
 * stack's checked config (functions/config/checked-config.ts) never parses, so the ~7 ms of building the config's
 * schemas would be spent for nothing. Every zod/mini function the modules call is counted here; a schema built at
 * a module's top level is counted at its import.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod/mini', async (original) => {
  const zod = await original<Record<string, unknown>>();
  return Object.fromEntries(
    Object.entries(zod).map(([name, value]) => [
      name,
      typeof value === 'function' && /^[a-z_]/.test(name)
        ? (...args: unknown[]) => {
            calls.count += 1;
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value,
    ]),
  );
});

describe("the tenant config's schemas", () => {
  it('are built at the first parse, not when their modules load', async () => {
    const { parseTenantConfig, tenantConfigSchema } = await import('../functions/config/tenant-config.js');
    expect(calls.count).toBe(0);

    const config = parseTenantConfig({
      serverName: 'example.org',
      homeserver: { url: 'https://matrix.example.org', mode: 'shared_secret' },
      registration: { flows: [['m.login.email.identity']] },
      threepid: { brandName: 'Example', publicBaseUrl: 'https://register.example.org', email: { from: 'a@example.org' } },
      rateLimits: {},
      pages: { brand: { name: 'Example' } },
    });
    // Counted: the mock sees what the modules call.
    expect(calls.count).toBeGreaterThan(50);
    expect(config.threepid?.email?.tokenLifetimeSeconds).toBe(3600);
    // Built once per process, then kept.
    const built = calls.count;
    expect(tenantConfigSchema()).toBe(tenantConfigSchema());
    expect(calls.count).toBe(built);
  });
});
