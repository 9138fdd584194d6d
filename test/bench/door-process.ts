/**
 * Section 7's front doors in a process of their own (see side-process.ts), as a deployed function runs: the client
 * that times the sign-ups is not on their event loop, and their heap holds nothing of the bench's other sections.
 * For each creation mode asked for, two doors on tables of their own: one in front of the real homeserver (the one
 * measured) and one in front of the development homeserver, which the bench drives first to warm this process's
 * JIT (a fresh process is several times slower for its first hundreds of calls, which a warm function is not).
 * Prints one JSON line (DoorUrls), stops on SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import type { TenantSecrets } from '../../functions/compose/tenant-secrets.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { silentLogger } from '../../functions/model/log.js';
import { createTenantTable } from '../../local/create-table.js';

export type CreationMode = 'shared_secret' | 'admin_api';

export interface DoorHomeserver {
  url: string;
  serverName: string;
  sharedSecret?: string;
  adminToken?: string;
}

export interface DoorOrder {
  modes: CreationMode[];
  /** The homeserver measured (a closed Synapse). */
  measured: DoorHomeserver;
  /** The development homeserver the warm-up doors are in front of. */
  warm: DoorHomeserver;
}

/** Per mode: the measured door's URL and its warm-up twin's. */
export type DoorUrls = Partial<Record<CreationMode, { measured: string; warm: string }>>;

const order = JSON.parse(process.argv[2]!) as DoorOrder;
const closers: (() => Promise<void>)[] = [];
const urls: DoorUrls = {};
for (const mode of order.modes) {
  urls[mode] = { measured: await serveFrontDoor(order.measured, mode), warm: await serveFrontDoor(order.warm, mode) };
}
process.stdout.write(`${JSON.stringify(urls)}\n`);
process.once('SIGTERM', () => {
  Promise.all(closers.map((close) => close())).finally(() => process.exit(0));
});

/** A dummy-flow tenant in `mode` in front of `homeserver`, on a table of its own, served on a free loopback port. */
async function serveFrontDoor(homeserver: DoorHomeserver, mode: CreationMode): Promise<string> {
  const db = tableClient();
  const tableName = `native-${randomBytes(4).toString('hex')}`;
  await createTenantTable(db, tableName);
  const lots = { max: 1_000_000, windowSeconds: 60 };
  const config = parseTenantConfig({
    serverName: homeserver.serverName,
    homeserver: { url: homeserver.url, mode, timeoutMs: 30_000 },
    registration: { flows: [['m.login.dummy']] },
    // The bench signs up from one address: the limits must not be what it measures.
    rateLimits: { register: lots, available: lots, tokenValidity: lots },
    username: { holdsPerClientIp: 1_000_000 },
    tableName,
  });
  const secrets: TenantSecrets = {
    registrationSharedSecret: homeserver.sharedSecret,
    homeserverAdminToken: homeserver.adminToken,
    encryptionKey: randomBytes(32),
  };
  const app = buildFrontDoor({ config, secrets, dynamo: db, log: silentLogger });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  closers.push(async () => {
    await new Promise((ok) => server.close(ok));
    db.destroy();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
