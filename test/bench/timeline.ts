/**
 * `npx tsx test/bench/timeline.ts [warm-up]`: where a dummy-flow sign-up's time goes, call by call. A front door
 * of its own (as section 7 builds it) in front of the homeserver the environment names (HOMESERVER_URL,
 * SERVER_NAME, REGISTRATION_SHARED_SECRET, HOMESERVER_ADMIN_TOKEN: a closed Synapse from synapse.sh), on DynamoDB Local; after
 * `warm-up` sign-ups (default 300: a cold JIT is not what a warm function pays), three more are printed as
 * timelines: each DynamoDB call and homeserver request with its start and end in ms from the client's send.
 * A tool for finding what to cut; not part of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { silentLogger } from '../../functions/model/log.js';
import { createTenantTable } from '../../local/create-table.js';
import { BenchClient, freshName, PASSWORD, REGISTER } from './client.js';
import { startRig } from './stand-ins.js';

const warmUp = Number(process.argv[2] ?? 300);
const { HOMESERVER_URL, SERVER_NAME, REGISTRATION_SHARED_SECRET, HOMESERVER_ADMIN_TOKEN } = process.env;

/** What a call touched: the item's partition key kind (`session`, `rate`…) or the homeserver path. */
type Entry = { from: number; to: number; what: string };

async function main(): Promise<void> {
  if (!HOMESERVER_URL || !SERVER_NAME || !REGISTRATION_SHARED_SECRET) {
    throw new Error('set HOMESERVER_URL, SERVER_NAME and REGISTRATION_SHARED_SECRET (synapse.sh start … closed; . DIR/env)');
  }
  const rig = await startRig(); // DynamoDB Local, and the environment that points the SDK at it
  const db = tableClient();
  let origin = 0;
  const entries: Entry[] = [];
  const since = () => performance.now() - origin;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const from = since();
      const input = (args as { input: Record<string, unknown> }).input;
      try {
        return await next(args);
      } finally {
        entries.push({ from, to: since(), what: `${String(context.commandName).replace(/Command$/, '')} ${itemsOf(input)}` });
      }
    },
    { step: 'initialize', name: 'timelineCalls' },
  );
  // The homeserver's requests, timed from their creation to their answer's last byte, as the front door's own
  // transport makes them (node:http, patched here for this process only).
  const homeserverPort = new URL(HOMESERVER_URL).port;
  const request = http.request;
  http.request = ((...args: Parameters<typeof http.request>) => {
    const from = since();
    const outgoing = request(...args);
    if (String(outgoing.getHeader('host') ?? '').endsWith(`:${homeserverPort}`)) {
      outgoing.on('response', (incoming) =>
        incoming.on('end', () => entries.push({ from, to: since(), what: `homeserver ${outgoing.method} ${outgoing.path.split('?')[0]}` })),
      );
    }
    return outgoing;
  }) as typeof http.request;
  syncBuiltinESMExports();
  const tableName = `timeline-${randomBytes(4).toString('hex')}`;
  await createTenantTable(db, tableName);
  const lots = { max: 1_000_000, windowSeconds: 60 };
  const config = parseTenantConfig({
    serverName: SERVER_NAME,
    homeserver: { url: HOMESERVER_URL, mode: 'shared_secret', timeoutMs: 30_000 },
    registration: { flows: [['m.login.dummy']] },
    rateLimits: { register: lots, available: lots, tokenValidity: lots },
    username: { holdsPerClientIp: 1_000_000 },
    tableName,
  });
  // With the admin token, as section 7: the first call then checks the name on the homeserver.
  const secrets = {
    registrationSharedSecret: REGISTRATION_SHARED_SECRET,
    homeserverAdminToken: HOMESERVER_ADMIN_TOKEN,
    encryptionKey: randomBytes(32),
  };
  const app = buildFrontDoor({ config, secrets, dynamo: db, log: silentLogger });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', ok));
  const client = new BenchClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    for (let i = 0; i < warmUp + 3; i++) {
      entries.length = 0;
      origin = performance.now();
      const first = await client.post(REGISTER, { username: freshName('t'), password: PASSWORD });
      const firstAt = since();
      const done = await client.post(REGISTER, { auth: { type: 'm.login.dummy', session: first.body.session } });
      if (done.status !== 200) throw new Error(`the sign-up answered ${done.status}`);
      if (i >= warmUp) print(entries, firstAt, since());
    }
  } finally {
    server.close();
    db.destroy();
    await rig.stop();
  }
}

/** The keys' kinds, e.g. `session`, `username | session` for a transaction. */
function itemsOf(input: Record<string, unknown>): string {
  const kind = (item: unknown) => String((item as { pk?: { S?: string } })?.pk?.S ?? '?').split(/[#:]/)[0] ?? '?';
  const transact = input.TransactItems as Record<string, { Key?: unknown; Item?: unknown }>[] | undefined;
  if (transact) return transact.map((t) => Object.values(t).map((op) => kind(op.Key ?? op.Item))).join(' | ');
  return kind(input.Key ?? input.Item);
}

function print(entries: Entry[], firstAnswered: number, doneAnswered: number): void {
  const line = (e: Entry) => `${e.from.toFixed(1).padStart(6)} → ${e.to.toFixed(1).padStart(6)}  ${e.what}`;
  const sorted = [...entries].sort((a, b) => a.from - b.from);
  const lines = [
    ...sorted.filter((e) => e.from < firstAnswered).map(line),
    `${firstAnswered.toFixed(1).padStart(15)}  first call answered (401)`,
    ...sorted.filter((e) => e.from >= firstAnswered).map(line),
    `${doneAnswered.toFixed(1).padStart(15)}  account answered (200)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error) => {
  process.stderr.write(`timeline failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
