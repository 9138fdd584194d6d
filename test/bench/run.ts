/**
 * `npm run bench`: what a sign-up costs, beside the floor of what it must do (issue 4). Starts its own
 * DynamoDB Local, development homeserver and mail catcher; prints a table, or JSON with `--json`.
 * `--quick` takes fewer samples (for trying the bench itself, not for figures). `--native-only` runs just the
 * front door beside Synapse's own registration (native-synapse.ts;
 * `--native-count N` sign-ups per row instead of 50). `--only cold` runs just the bundles and
 * their cold starts (section 5 and its budgets; `--cold-runs N` for more samples than the default 10).
 */
import { cpus, loadavg } from 'node:os';
import { checkBudgets, checkColdBudgets } from './budgets.js';
import { BenchClient } from './client.js';
import { coldEnv, measureColdStarts } from './cold-start.js';
import { floorSampler, measureFloor, type FloorRun } from './floor.js';
import { termsAndDummy } from './flows.js';
import type { FloorOrder } from './floor-process.js';
import { type DoorWarmUp, measureNativeComparison } from './native-synapse.js';
import { measureAdminApiMode, measureRealHomeserver } from './other-homeservers.js';
import { measurePageWeight } from './page-weight.js';
import { renderBudgets, renderColdStarts, renderNative, renderReport, type BenchResult } from './report.js';
import { measureRequests } from './requests.js';
import { startSideProcess } from './side-process.js';
import { ADMIN_TOKEN, type Rig, SHARED_SECRET, startRig } from './stand-ins.js';
import { latency, mean } from './stats.js';
import { measureThroughput } from './throughput.js';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
/** The value after a flag (`--only cold`) or in it (`--only=cold`). */
function option(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}
const only = option('--only');
/** Counts, each with a time cap so that a loaded machine still finishes in about 3 minutes. */
const FULL = {
  warm: 20,
  rounds: 200,
  requestsMs: 45_000,
  floorPerRound: 6,
  floorPairs: 1500,
  floorMs: 5_000,
  throughput: [
    [1, 150],
    [8, 400],
    [32, 640],
  ],
  throughputMs: 6_000,
  coldRuns: 10,
  modes: 20,
  real: 20,
  native: 50,
  nativeWarm: 600,
};
const QUICK: typeof FULL = {
  ...FULL,
  warm: 3,
  rounds: 30,
  requestsMs: 20_000,
  floorPerRound: 4,
  floorPairs: 300,
  floorMs: 3_000,
  throughput: [
    [1, 20],
    [8, 40],
    [32, 64],
  ],
  throughputMs: 5_000,
  coldRuns: 3,
  modes: 5,
  real: 3,
  native: 5,
  nativeWarm: 50,
};
const SIZES = { ...(quick ? QUICK : FULL), ...(option('--cold-runs') ? { coldRuns: Number(option('--cold-runs')) } : {}) };

const progress = (what: string) => process.stderr.write(`bench: ${what}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const when = new Date().toISOString();
  const machine = { cpus: cpus().length, node: process.version, loadAverage: loadavg() };
  progress('starting DynamoDB Local, the development homeserver and the mail catcher');
  const rig = await startRig();
  try {
    if (args.has('--native-only')) {
      // Warmed as in a whole run, where this section comes after thousands of calls: a DynamoDB Local whose JIT
      // is not done would be what it measures. Measured: with 400 floor pairs and 100 sign-ups first, the front
      // door's row came out 1.059× and 1.064× where whole runs gave 1.033–1.048×; with this (~45 s), 1.042× and 1.032×.
      progress('warming DynamoDB Local (its JIT) with floor pairs and whole sign-ups');
      await measureFloor(rig.db, rig.config.tableName, 1, SIZES.floorPairs * 2, SIZES.floorMs * 2);
      await measureFloor(rig.db, rig.config.tableName, 8, SIZES.floorPairs * 2, SIZES.floorMs * 2);
      const warmClient = new BenchClient(rig.url);
      for (let i = 0; i < SIZES.warm * 40; i++) await termsAndDummy(warmClient);
      const count = Number(option('--native-count') ?? SIZES.native);
      const native = await measureNativeComparison(process.env, count, doorWarmUp(rig), progress);
      process.stdout.write(`${json ? JSON.stringify({ when, machine, native }, null, 2) : renderNative(native)}\n`);
      return;
    }
    if (only === 'cold') {
      progress('cold starts');
      const cold = await measureColdStarts(coldEnv(rig), SIZES.coldRuns);
      const budgets = checkColdBudgets(cold);
      process.stdout.write(
        `${json ? JSON.stringify({ when, machine, cold, budgets }, null, 2) : `${renderColdStarts(cold)}\n\n${renderBudgets(budgets)}`}\n`,
      );
      return;
    }
    if (only) throw new Error(`--only ${only}: the only section that runs alone is "cold" (and --native-only)`);
    const table = rig.config.tableName;
    progress('warming DynamoDB Local (its JIT) and the app');
    await measureFloor(rig.db, table, 1, SIZES.floorPairs / 3, SIZES.floorMs / 2);
    const client = new BenchClient(rig.url);

    progress('requests one at a time, with floor pairs between them');
    const floorPair = await floorSampler(rig.db, table);
    const measured = await measureRequests(rig, client, {
      rounds: SIZES.rounds,
      warm: SIZES.warm,
      floorPair,
      floorPairsPerRound: SIZES.floorPerRound,
      maxMs: SIZES.requestsMs,
    });
    const requests = measured.rows;
    const interleaved: FloorRun = {
      mode: 'interleaved',
      concurrency: 1,
      pair: latency(measured.floor),
      pairsPerSecond: 1000 / mean(measured.floor),
    };

    progress('floor');
    const floor = [interleaved];
    for (const c of [1, 8, 32]) {
      // From a process of its own, as throughput's load client: its pairs/s is what throughput is divided by.
      const order: FloorOrder = { table, concurrency: c, count: c === 1 ? SIZES.floorPairs : SIZES.floorPairs * 2, maxMs: SIZES.floorMs };
      const apart = await startSideProcess<FloorRun>('./floor-process.ts', order);
      await apart.stop();
      floor.push(apart.first);
    }

    progress('throughput');
    const throughput = [];
    for (const [c, n] of SIZES.throughput) throughput.push(await measureThroughput(rig, c!, n!, SIZES.throughputMs));

    progress('cold starts');
    const cold = await measureColdStarts(coldEnv(rig), SIZES.coldRuns);

    progress('admin_api mode, and a real homeserver if HOMESERVER_URL is set');
    const adminApi = await measureAdminApiMode(rig, SIZES.modes);
    const realHomeserver = await measureRealHomeserver(process.env, SIZES.real);
    const native = await measureNativeComparison(process.env, SIZES.native, doorWarmUp(rig), progress);
    progress('sign-up page weight');
    const pageWeight = await measurePageWeight(rig);
    const result: BenchResult = {
      when,
      machine,
      floor,
      requests,
      throughput,
      cold,
      adminApi,
      realHomeserver,
      native,
      pageWeight,
      budgets: checkBudgets(interleaved, requests, cold, throughput, adminApi, pageWeight, sdkCpuMsPerCall(floor), native),
      seconds: (performance.now() - started) / 1000,
    };
    process.stdout.write(`${json ? JSON.stringify(result, null, 2) : renderReport(result)}\n`);
  } finally {
    await rig.stop();
  }
}

/** Section 7's front doors are warmed against the rig's development homeserver before they are measured. */
function doorWarmUp(rig: Rig): DoorWarmUp {
  const homeserver = { ...rig.homeserver, sharedSecret: SHARED_SECRET, adminToken: ADMIN_TOKEN };
  return { homeserver, signUps: SIZES.nativeWarm };
}

/** The SDK's CPU for one DynamoDB call: half a pair's, in the block floor at concurrency 1 (a process doing nothing else). */
function sdkCpuMsPerCall(floor: FloorRun[]): number | undefined {
  const single = floor.find((f) => f.mode === 'block' && f.concurrency === 1);
  return single?.cpuMsPerPair === undefined ? undefined : single.cpuMsPerPair / 2;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
