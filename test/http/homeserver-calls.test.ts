/**
 * The route table's homeserver marks against what the parts really do, so the network placement derived from
 * them (infra/homeserver-callers.ts) cannot drift from the code: a route without a mark calls the homeserver
 * for nothing, even with an access token; each route marked `client` does call it; and with
 * `homeserver.clientUrl` the parts that call only the client API call that URL, never `homeserver.url`.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdminApi,
  buildChecksApi,
  buildAccountApi,
  buildRegisterApi,
  buildRequestTokenApi,
  type ThreepidOwnerLookup,
} from '../../functions/compose/build.js';
import type { TenantConfig } from '../../functions/config/tenant-config.js';
import { FRONT_DOOR_ROUTES, type FrontDoorPart, type FrontDoorRoute } from '../../functions/http/route-table.js';
import { jsonLogger } from '../../functions/model/log.js';
import { homeserverUses, routeUse, runsInNetwork } from '../../infra/homeserver-callers.js';
import { startHarness, type Harness } from '../support/harness.js';
import { EVERY_CHANNEL } from '../support/constants.js';

const OPERATOR_KEY = 'operator-key-of-the-homeserver-calls-test';
let h: Harness;
/** The URL of every homeserver call the parts made. */
const calls: string[] = [];
const recording: typeof fetch = (input, init) => {
  calls.push(input instanceof Request ? input.url : String(input));
  return fetch(input, init);
};

beforeAll(async () => {
  h = await startHarness({
    config: EVERY_CHANNEL,
    secrets: { operatorKey: OPERATOR_KEY },
  });
});
afterAll(() => h?.close());

/** Each part as its Lambda builds it, with the recording fetch; the owner lookup (another Lambda) records nothing. */
function partsFor(config: TenantConfig): Record<Exclude<FrontDoorPart, 'pages' | 'meter'>, Hono> {
  const table = { config, dynamo: h.db, clock: h.clock, log: jsonLogger(() => {}), fetch: recording };
  const encryptionKey = h.secrets.encryptionKey;
  const lookup: ThreepidOwnerLookup = { findUserByThreepid: async () => undefined };
  return {
    register: buildRegisterApi({ ...table, secrets: h.secrets }),
    account: buildAccountApi({ ...table, secrets: h.secrets }),
    email: buildRequestTokenApi({ ...table, encryptionKey, lookup }),
    sms: buildRequestTokenApi({ ...table, encryptionKey, lookup }),
    checks: buildChecksApi({ ...table, encryptionKey }),
    admin: buildAdminApi({ ...table, encryptionKey, operatorKey: OPERATOR_KEY }),
  };
}

/** The route asked with an access token and an empty JSON body: enough to reach a whoami or a pass-through. */
async function ask(app: Hono, route: FrontDoorRoute): Promise<string[]> {
  calls.length = 0;
  const path = route.path.replace('{type}', 'm.login.terms').replace('{proxy+}', 'v1/registration_tokens');
  const method = route.method === 'ANY' ? 'GET' : route.method;
  const withBody =
    method === 'POST'
      ? { body: '{}', headers: { authorization: 'Bearer syt_not_a_real_token', 'content-type': 'application/json' } }
      : undefined;
  await app.request(path, { method, ...(withBody ?? { headers: { authorization: 'Bearer syt_not_a_real_token' } }) });
  return [...calls];
}

/** The routes of the parts built here (pages and meter have their own tests; they are marked or call nothing). */
const routesOfParts = FRONT_DOOR_ROUTES.filter((r) => r.fn !== 'pages' && r.fn !== 'meter');

describe('the homeserver marks on the route table', () => {
  it('a route without a mark makes no homeserver call, even with an access token', async () => {
    const parts = partsFor(h.config);
    const unmarked = routesOfParts.filter((r) => !r.homeserver);
    expect(unmarked.length).toBeGreaterThan(10);
    for (const route of unmarked)
      expect(await ask(parts[route.fn as keyof typeof parts], route), `${route.method} ${route.path}`).toEqual([]);
  });

  it('each route marked client calls the homeserver (whoami or the pass-through), so its part needs to reach it', async () => {
    const parts = partsFor(h.config);
    const client = routesOfParts.filter((r) => r.homeserver === 'client');
    expect(new Set(client.map((r) => r.fn))).toEqual(new Set(['email', 'sms', 'checks']));
    for (const route of client)
      expect((await ask(parts[route.fn as keyof typeof parts], route)).length, `${route.method} ${route.path}`).toBeGreaterThan(0);
  });

  it('with homeserver.clientUrl the client-only parts call it, and the account part still calls homeserver.url', async () => {
    const url = new URL(h.config.homeserver.url);
    // The same stand-in under another name: what a public client API beside a private admin URL looks like.
    const clientUrl = `${url.protocol}//localhost:${url.port}`;
    const config: TenantConfig = { ...h.config, homeserver: { ...h.config.homeserver, clientUrl } };
    const parts = partsFor(config);
    for (const route of routesOfParts.filter((r) => r.homeserver === 'client')) {
      const made = await ask(parts[route.fn as keyof typeof parts], route);
      expect(made.length, route.path).toBeGreaterThan(0);
      for (const call of made) expect(call.startsWith(clientUrl), `${route.path}: ${call}`).toBe(true);
    }
    const add = routesOfParts.find((r) => r.path.endsWith('/v3/account/3pid/add'))!;
    const made = await ask(parts.account, add);
    expect(made.length).toBeGreaterThan(0);
    for (const call of made) expect(call.startsWith(h.config.homeserver.url)).toBe(true);
  });
});

describe('the functions in the tenant network, derived from the marks', () => {
  it('puts every function that calls the admin API in, and the client-only ones unless clientUrl is given', () => {
    expect(homeserverUses(h.config)).toEqual({
      register: 'admin',
      account: 'admin',
      pages: 'admin',
      admin: 'admin',
      lookup: 'admin',
      email: 'client',
      sms: 'client',
      checks: 'client',
    });
    for (const fn of ['register', 'account', 'pages', 'admin', 'lookup', 'email', 'sms', 'checks'] as const)
      expect(runsInNetwork(fn, h.config), fn).toBe(true);
    for (const fn of ['meter', 'sweep'] as const) expect(runsInNetwork(fn, h.config), fn).toBe(false);
    const withClientUrl: TenantConfig = { ...h.config, homeserver: { ...h.config.homeserver, clientUrl: 'https://matrix.example.org' } };
    for (const fn of ['email', 'sms', 'checks'] as const) expect(runsInNetwork(fn, withClientUrl), fn).toBe(false);
    for (const fn of ['register', 'account', 'pages', 'admin', 'lookup'] as const) expect(runsInNetwork(fn, withClientUrl), fn).toBe(true);
  });

  it('follows the config: the reset requestToken calls the homeserver only without recovery, the sweep only with onboarding', () => {
    const reset = FRONT_DOOR_ROUTES.find((r) => r.path === '/_matrix/client/v3/account/password/email/requestToken')!;
    expect(routeUse(reset, h.config)).toBe('client');
    const recovery = {
      ...h.config,
      recovery: { enumerationSafe: false, sessionLifetimeSeconds: 3600, pagePath: '/forgot' },
    } as TenantConfig;
    expect(routeUse(reset, recovery)).toBeUndefined();
    // With recovery the senders still call whoami for /account/3pid/…/requestToken.
    expect(homeserverUses(recovery).email).toBe('client');
    expect(homeserverUses({ ...h.config, onboarding: { rooms: ['#welcome:example.org'] } } as TenantConfig).sweep).toBe('admin');
    expect(homeserverUses(h.config).sweep).toBeUndefined();
  });
});
