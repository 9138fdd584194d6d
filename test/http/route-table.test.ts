/**
 * The route table (functions/http/route-table.ts), which infra/ turns into API Gateway routes, against the
 * apps: every route in it is answered by the whole front door and by the Lambda part it names, and every
 * route an app mounts is in it, so a route cannot exist in one and not the other.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccountApi,
  buildAdminApi,
  buildChecksApi,
  buildPagesApi,
  buildRegisterApi,
  buildRequestTokenApi,
  type ThreepidOwnerLookup,
} from '../../functions/compose/build.js';
import {
  ADMIN_PREFIX,
  FRONT_DOOR_PARTS,
  FRONT_DOOR_ROUTES,
  type FrontDoorPart,
  type FrontDoorRoute,
} from '../../functions/http/route-table.js';
import { jsonLogger } from '../../functions/model/log.js';
import { startHarness, type Harness } from '../support/harness.js';
import { EVERY_CHANNEL } from '../support/constants.js';

const NOT_ROUTED = 599;
const OPERATOR_KEY = 'operator-key-of-the-route-table-test';

let h: Harness;
const parts = {} as Record<FrontDoorPart, Hono>;

beforeAll(async () => {
  h = await startHarness({
    config: EVERY_CHANNEL,
    secrets: { operatorKey: OPERATOR_KEY },
  });
  const table = { config: h.config, dynamo: h.db, clock: h.clock, log: jsonLogger(() => {}) };
  const encryptionKey = h.secrets.encryptionKey;
  const lookup: ThreepidOwnerLookup = { findUserByThreepid: async () => undefined };
  parts.register = buildRegisterApi({ ...table, secrets: h.secrets });
  parts.account = buildAccountApi({ ...table, secrets: h.secrets });
  parts.pages = buildPagesApi({ ...table, secrets: h.secrets });
  parts.email = buildRequestTokenApi({ ...table, encryptionKey, lookup });
  parts.sms = buildRequestTokenApi({ ...table, encryptionKey, lookup });
  parts.checks = buildChecksApi({ ...table, encryptionKey });
  parts.admin = buildAdminApi({ ...table, encryptionKey, operatorKey: OPERATOR_KEY });
  // What the router did not match is told apart from a route's own 404 (a fallback page of an unknown type).
  for (const app of [h.app, ...Object.values(parts)]) app.notFound(() => new Response('no route', { status: NOT_ROUTED }));
});

afterAll(() => h?.close());

/** A request the route answers: its parameters filled in, no body (each route refuses that, touching nothing). */
async function answer(app: Hono, route: FrontDoorRoute): Promise<number> {
  const path = route.path.replace('{type}', 'm.login.terms').replace('{proxy+}', 'v1/registration_tokens');
  const method = route.method === 'ANY' ? 'GET' : route.method;
  const headers = method === 'OPTIONS' ? { origin: 'https://app.example.org', 'access-control-request-method': 'POST' } : undefined;
  return (await app.request(path, { method, headers })).status;
}

/** The routes an app mounts with a method (not middleware, nor the 405 and catch-all handlers), in the table's syntax. */
const mounted = (app: Hono) =>
  app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)/g, '{$1}') }));

/** The table routes that cover a mounted one: the same method and path, or the operator API's catch-all. */
const coveredBy = (route: { method: string; path: string }) =>
  FRONT_DOOR_ROUTES.filter((r) =>
    r.method === 'ANY' ? route.path.startsWith(`${ADMIN_PREFIX}/`) : r.method === route.method && r.path === route.path,
  );

describe('the route table', () => {
  it('names each route once, and only the five parts', () => {
    const keys = FRONT_DOOR_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of FRONT_DOOR_ROUTES) expect(FRONT_DOOR_PARTS).toContain(route.fn);
  });

  it('is what the test can tell apart: a path in no route is not routed', async () => {
    const nowhere: FrontDoorRoute = { method: 'GET', path: '/_matrix/client/v3/register/nowhere', fn: 'checks' };
    for (const app of [h.app, ...Object.values(parts)]) expect(await answer(app, nowhere)).toBe(NOT_ROUTED);
    expect(mounted(h.app).length).toBeGreaterThanOrEqual(FRONT_DOOR_ROUTES.filter((r) => r.method !== 'OPTIONS').length);
  });

  it('is answered route by route by the whole front door', async () => {
    for (const route of FRONT_DOOR_ROUTES) expect(await answer(h.app, route), `${route.method} ${route.path}`).not.toBe(NOT_ROUTED);
  });

  it('is answered route by route by the part each route names', async () => {
    for (const route of FRONT_DOOR_ROUTES)
      expect(await answer(parts[route.fn], route), `${route.fn}: ${route.method} ${route.path}`).not.toBe(NOT_ROUTED);
  });

  it("leaves the account part's routes out of the register part (its cold start loads none of them)", async () => {
    const account = FRONT_DOOR_ROUTES.filter((r) => r.fn === 'account');
    expect(account.map((r) => r.path)).toContain('/_matrix/client/v3/account/password');
    for (const route of account) expect(await answer(parts.register, route), `${route.method} ${route.path}`).toBe(NOT_ROUTED);
  });

  it('holds every route the whole front door mounts', () => {
    for (const route of mounted(h.app)) expect(coveredBy(route), `${route.method} ${route.path}`).not.toEqual([]);
  });

  it('holds every route each part mounts', () => {
    for (const [part, app] of Object.entries(parts))
      for (const route of mounted(app)) expect(coveredBy(route), `${part}: ${route.method} ${route.path}`).not.toEqual([]);
  });
});
