/**
 * Whole registrations (terms + dummy) through a second front door of its own: in admin_api mode against
 * the development homeserver (to count that mode's calls), and optionally (HOMESERVER_URL set) against a
 * real homeserver. Each gets its own table and its own counters.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { secretsFromEnv, type TenantSecrets } from '../../functions/compose/tenant-secrets.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { silentLogger } from '../../functions/model/log.js';
import { createTenantTable } from '../../local/create-table.js';
import { BenchClient } from './client.js';
import { DynamoCounter, HomeserverCounter } from './counting.js';
import { termsAndDummy } from './flows.js';
import type { Rig } from './stand-ins.js';
import { latency, type Latency } from './stats.js';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';

export interface WholeRegistrationRun {
  label: string;
  mode: string;
  latency: Latency;
  dynamoCalls: number;
  homeserverCalls: number;
  homeserverByKind: Record<string, number>;
}

interface Target {
  label: string;
  url: string;
  serverName: string;
  mode: 'shared_secret' | 'admin_api';
  secrets: TenantSecrets;
}

async function measureAgainst(target: Target, count: number): Promise<WholeRegistrationRun> {
  const db = tableClient();
  const tableName = `bench-${randomBytes(4).toString('hex')}`;
  await createTenantTable(db, tableName);
  const config = parseTenantConfig({
    serverName: target.serverName,
    homeserver: { url: target.url, mode: target.mode, timeoutMs: 10_000 },
    registration: { flows: [['m.login.terms', 'm.login.dummy']] },
    terms: { policies: { terms_of_service: { version: '1.0', en: { name: 'Terms of Service', url: 'https://bench.local/terms-1.0' } } } },
    // Per-IP limits are on by default; every bench request comes from one address.
    rateLimits: {
      register: { max: 1_000_000, windowSeconds: 60 },
      available: { max: 1_000_000, windowSeconds: 60 },
      tokenValidity: { max: 1_000_000, windowSeconds: 60 },
    },
    username: { holdsPerClientIp: 1_000_000 },
    tableName,
  });
  // Attached after the table is made, so only the front door's own calls count.
  const dynamo = new DynamoCounter();
  dynamo.attach(db);
  const homeserver = new HomeserverCounter(target.url);
  const app = buildFrontDoor({ config, secrets: target.secrets, dynamo: db, log: silentLogger });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  try {
    const client = new BenchClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await termsAndDummy(client); // warm
    const d0 = dynamo.snapshot();
    const h0 = homeserver.snapshot();
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      let ms = 0;
      await termsAndDummy(client, async (_kind, call) => {
        const reply = await call();
        ms += reply.ms;
        return reply;
      });
      samples.push(ms);
    }
    const d = dynamo.snapshot();
    const h = homeserver.snapshot();
    const each = (x: number) => Math.round((x / count) * 100) / 100;
    const byKind = Object.fromEntries(
      Object.entries(h.byKind).map(([k, v]) => [k, each(v - (h0.byKind[k as keyof typeof h0.byKind] ?? 0))]),
    );
    return {
      label: target.label,
      mode: target.mode,
      latency: latency(samples),
      dynamoCalls: each(d.attempts - d0.attempts),
      homeserverCalls: each(h.calls - h0.calls),
      homeserverByKind: byKind,
    };
  } finally {
    homeserver.stop();
    await new Promise((resolve) => server.close(resolve));
    db.destroy();
  }
}

/** The development homeserver again, but creating accounts with the admin API (PUT v2 user, then a login). */
export function measureAdminApiMode(rig: Rig, count: number): Promise<WholeRegistrationRun> {
  return measureAgainst(
    {
      label: 'development homeserver',
      url: rig.homeserver.url,
      serverName: rig.homeserver.serverName,
      mode: 'admin_api',
      secrets: rig.secrets,
    },
    count,
  );
}

export async function measureRealHomeserver(env: NodeJS.ProcessEnv, count: number): Promise<WholeRegistrationRun | { skipped: string }> {
  const url = env.HOMESERVER_URL;
  if (!url) return { skipped: 'set HOMESERVER_URL, SERVER_NAME and REGISTRATION_SHARED_SECRET or HOMESERVER_ADMIN_TOKEN to run it' };
  if (!env.SERVER_NAME) return { skipped: 'HOMESERVER_URL is set but SERVER_NAME is not' };
  const mode = env.REGISTRATION_SHARED_SECRET ? 'shared_secret' : 'admin_api';
  const probe = parseTenantConfig({ serverName: env.SERVER_NAME, homeserver: { url, mode }, registration: { flows: [['m.login.dummy']] } });
  const secrets = secretsFromEnv(probe, { ...env, FRONT_DOOR_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  return measureAgainst({ label: url, url, serverName: env.SERVER_NAME, mode, secrets }, count);
}
