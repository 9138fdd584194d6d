/**
 * The figure a user asks first: a whole sign-up (dummy flow) through the front door, in each creation mode
 * against a closed Synapse, beside Synapse's own open registration on the same machine in the same run.
 * Synapse's registration is timed two ways: the password on the first call only, and the password sent
 * again on every call, as matrix-js-sdk does. Both Synapses hash with their default cost (bcrypt 12), so
 * the comparison is the one a deployment sees. Samples are interleaved, each round in a shuffled order, so that
 * drift and the row before hit every row alike. The front doors run in a process of their own (door-process.ts),
 * warmed first, so that a row is the front door's time and not also its client's: a sign-up's client shares no
 * event loop with Synapse either.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BenchClient, expectStatus, freshName, PASSWORD, REGISTER } from './client.js';
import type { DoorHomeserver, DoorOrder, DoorUrls } from './door-process.js';
import { startSideProcess } from './side-process.js';
import { latency, type Latency } from './stats.js';

const run = promisify(execFile);
const SYNAPSE_SH = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/synapse/synapse.sh');

export interface NativeRow {
  label: string;
  latency: Latency;
}

export interface NativeComparison {
  /** Where the two homeservers came from. */
  source: string;
  rows: NativeRow[];
  /** The native row the ratios divide by (password on the first call only). */
  baseline: string;
}

interface Homeservers {
  closed: DoorHomeserver;
  open: { url: string };
  source: string;
  stop(): Promise<void>;
}

type Sample = () => Promise<number>;

/** How the front doors are warmed before they are measured, and where (the development homeserver of the rig). */
export interface DoorWarmUp {
  homeserver: DoorHomeserver;
  /** Dummy sign-ups through each mode's warm-up door before the first measured one. */
  signUps: number;
}

export async function measureNativeComparison(
  env: NodeJS.ProcessEnv,
  count: number,
  warmUp: DoorWarmUp,
  progress: (what: string) => void,
): Promise<NativeComparison | { skipped: string }> {
  const homeservers = await findHomeservers(env, progress);
  if ('skipped' in homeservers) return homeservers;
  const stops: (() => Promise<void>)[] = [homeservers.stop];
  try {
    const { closed, open } = homeservers;
    const modes = (['shared_secret', 'admin_api'] as const).filter((mode) =>
      mode === 'shared_secret' ? closed.sharedSecret : closed.adminToken,
    );
    // The front doors run in a process of their own, as a function does: not beside the client that times them.
    const order: DoorOrder = { modes, measured: closed, warm: warmUp.homeserver };
    const doors = await startSideProcess<DoorUrls>('./door-process.ts', order);
    stops.push(doors.stop);
    progress(`warming the front doors' process: ${warmUp.signUps} dummy sign-ups per mode against the development homeserver`);
    const samplers: [string, Sample][] = [];
    for (const mode of modes) {
      const { measured, warm } = doors.first[mode]!;
      const warmClient = new BenchClient(warm);
      for (let i = 0; i < warmUp.signUps; i++) await dummySignUp(warmClient, false, i % 2 === 0 ? DEVICE_NAME : undefined);
      const door = new BenchClient(measured);
      samplers.push([`front door, ${mode}`, () => dummySignUp(door, false)]);
      // Element always names its device: the name must cost the front door no more than it costs Synapse.
      if (mode === 'shared_secret') samplers.push([NAMED_DOOR, () => dummySignUp(door, false, DEVICE_NAME)]);
    }
    const native = new BenchClient(open.url);
    samplers.push(['Synapse, password on the first call', () => dummySignUp(native, false)]);
    samplers.push([NAMED_NATIVE, () => dummySignUp(native, false, DEVICE_NAME)]);
    samplers.push(['Synapse, password on every call (matrix-js-sdk)', () => dummySignUp(native, true)]);

    progress(`front door beside native Synapse: ${count} sign-ups per row, interleaved, after one warm-up each`);
    for (const [, sample] of samplers) await sample();
    const samples = samplers.map(() => [] as number[]);
    // Each round in an order of its own, shuffled, so that no row always follows the same one: a homeserver still
    // busy after a sign-up (its background work) would slow whichever row came next, every round.
    for (let i = 0; i < count; i++) {
      for (const j of shuffled(samplers.map((_, index) => index))) samples[j]!.push(await samplers[j]![1]());
    }
    return {
      source: homeservers.source,
      rows: samplers.map(([label], j) => ({ label, latency: latency(samples[j]!) })),
      baseline: 'Synapse, password on the first call',
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

const DEVICE_NAME = 'Element Web: Firefox on Linux';
/** The rows with a device name; each is compared with the other (see report.ts renderNative). */
export const NAMED_DOOR = 'front door, shared_secret, with initial_device_display_name';
export const NAMED_NATIVE = 'Synapse, password on the first call, with initial_device_display_name';
/** The front door's row in shared_secret mode, without a device name. */
export const SHARED_SECRET_DOOR = 'front door, shared_secret';

/** The native row a row is compared with: a sign-up that names its device with Synapse's own that names it too. */
export function baselineOf(n: NativeComparison, label: string): string {
  return label === NAMED_DOOR ? NAMED_NATIVE : n.baseline;
}

/** `items` in a random order (Fisher–Yates). */
function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The dummy flow: a first call that gets the session, then the dummy stage that creates the account. */
async function dummySignUp(client: BenchClient, resendPassword: boolean, deviceName?: string): Promise<number> {
  const username = freshName('n');
  const named = deviceName ? { initial_device_display_name: deviceName } : {};
  const first = expectStatus('first 401', await client.post(REGISTER, { username, password: PASSWORD, ...named }), 401);
  const session = first.body.session as string;
  const identity = resendPassword ? { username, password: PASSWORD } : {};
  const done = expectStatus('dummy', await client.post(REGISTER, { ...identity, auth: { type: 'm.login.dummy', session } }), 200);
  if (typeof done.body.access_token !== 'string') throw new Error('a sign-up without an access token');
  return first.ms + done.ms;
}

/** HOMESERVER_URL with NATIVE_HOMESERVER_URL when given; else two Synapses of our own with synapse.sh. */
async function findHomeservers(env: NodeJS.ProcessEnv, progress: (what: string) => void): Promise<Homeservers | { skipped: string }> {
  if (env.HOMESERVER_URL && env.NATIVE_HOMESERVER_URL) {
    return {
      closed: {
        url: env.HOMESERVER_URL,
        serverName: env.SERVER_NAME ?? 'localhost',
        sharedSecret: env.REGISTRATION_SHARED_SECRET,
        adminToken: env.HOMESERVER_ADMIN_TOKEN,
      },
      open: { url: env.NATIVE_HOMESERVER_URL },
      source: `HOMESERVER_URL ${env.HOMESERVER_URL} and NATIVE_HOMESERVER_URL ${env.NATIVE_HOMESERVER_URL}`,
      stop: async () => undefined,
    };
  }
  if (!existsSync(SYNAPSE_SH)) {
    return { skipped: `neither ${SYNAPSE_SH} to start Synapse with, nor HOMESERVER_URL and NATIVE_HOMESERVER_URL to use` };
  }
  // Kept between runs (the build is per folder); Synapse's default bcrypt cost, unlike the test suites' 4.
  const base = env.FRONT_DOOR_BENCH_SYNAPSE_DIR ?? join(tmpdir(), 'front-door-bench-synapse');
  mkdirSync(base, { recursive: true });
  const { SYNAPSE_BCRYPT_ROUNDS: _cost, SYNAPSE_STOCK: _stock, ...synapseEnv } = env;
  const [closedPort, openPort] = await freePorts(2);
  const started: string[] = [];
  const stop = async () => {
    for (const dir of started) await run('bash', [SYNAPSE_SH, 'stop', dir]).catch(() => undefined);
  };
  try {
    for (const [name, port] of [
      ['closed', closedPort],
      ['open', openPort],
    ] as const) {
      progress(`starting a Synapse with ${name} registration (bcrypt 12) with synapse.sh in ${join(base, name)}`);
      started.push(join(base, name));
      await run('bash', [SYNAPSE_SH, 'start', join(base, name), String(port), name], { env: synapseEnv, timeout: 600_000 });
    }
  } catch (error) {
    await stop();
    return { skipped: `synapse.sh could not start Synapse: ${(error as Error).message.split('\n')[0]}` };
  }
  const closed = envFile(join(base, 'closed', 'env'));
  return {
    closed: {
      url: closed.HOMESERVER_URL!,
      serverName: closed.SERVER_NAME ?? 'localhost',
      sharedSecret: closed.REGISTRATION_SHARED_SECRET,
      adminToken: closed.HOMESERVER_ADMIN_TOKEN,
    },
    open: { url: envFile(join(base, 'open', 'env')).HOMESERVER_URL! },
    source: `two Synapse 1.67 started by ${SYNAPSE_SH} (closed and open registration, bcrypt 12)`,
    stop,
  };
}

/** synapse.sh's DIR/env: one NAME=value a line. */
function envFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Loopback ports free right now, all different (each held until the last is found). */
async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
  }
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}
