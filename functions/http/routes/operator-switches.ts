/**
 * The operator API's live switches and sign-up counters, behind the operator key:
 * `GET|PUT /_front_door/admin/v1/switches` (close registration, pause SMS, pause email; every change
 * audited) and `GET /_front_door/admin/v1/counters?from=&until=` (the hourly funnel counts and their total).
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { invalidParam } from '../../matrix/errors.js';
import type { LiveSwitches } from '../../model/live-switches.js';
import { HOUR_MS, sumCounts } from '../../model/signup-counts.js';
import type { AuditLog } from '../../ports/audit.js';
import type { Clock } from '../../ports/clock.js';
import type { SignupCounters } from '../../ports/signup-counters.js';
import type { SwitchStore } from '../../ports/switches.js';
import { changeSwitches, switchesAsJson, switchKeyOf } from '../../policy/live-switches.js';
import { readJsonObject } from '../read-json.js';
import { operatorOf } from './operator-auth.js';

export interface OperatorSwitchDeps {
  store: SwitchStore;
  counters: SignupCounters;
  clock: Clock;
  audit?: AuditLog;
  /** This process's cache of the switches: dropped after a change, so its own next request obeys it at once. */
  forget?: () => void;
}

/** Longest range one counters read may ask for (400 days of hourly items). */
const MAX_RANGE_MS = 400 * 24 * HOUR_MS;

/** `{"registration_closed"?: bool, "sms_paused"?: bool, "email_paused"?: bool}`, at least one, nothing else. */
function parseSwitchChanges(body: Record<string, unknown>): Partial<LiveSwitches> {
  const changes: Partial<LiveSwitches> = {};
  for (const [name, value] of Object.entries(body)) {
    const key = switchKeyOf(name);
    if (!key) throw invalidParam(`Unknown switch: ${name.slice(0, 64)} (registration_closed, sms_paused, email_paused)`);
    if (typeof value !== 'boolean') throw invalidParam(`${name} must be true or false`);
    changes[key] = value;
  }
  if (Object.keys(changes).length === 0) throw invalidParam('Name at least one switch: registration_closed, sms_paused, email_paused');
  return changes;
}

function timeParam(c: Context, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const ms = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw invalidParam(`${name} must be epoch milliseconds or an ISO date`);
  return ms;
}

export function operatorSwitchRoutes(deps: OperatorSwitchDeps): Hono {
  const routes = new Hono();

  routes.get('/switches', async (c) => c.json(switchesAsJson(await deps.store.read())));

  routes.put('/switches', async (c) => {
    const body = await readJsonObject(c);
    const state = await changeSwitches(deps, operatorOf(c), parseSwitchChanges(body));
    deps.forget?.();
    return c.json(switchesAsJson(state));
  });

  routes.get('/counters', async (c) => {
    const now = deps.clock.now();
    const until = timeParam(c, 'until', now);
    const from = timeParam(c, 'from', until - 24 * HOUR_MS);
    if (from >= until || until - from > MAX_RANGE_MS) throw invalidParam('from must be before until, at most 400 days apart');
    const hours = await deps.counters.read({ from, until });
    return c.json({ from, until, hours, total: sumCounts(hours) });
  });

  return routes;
}
