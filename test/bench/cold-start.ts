/**
 * Cold start: each Lambda entry bundled as the deployment bundles it, then loaded by a fresh `node`
 * process that answers one API Gateway v2 event; beside a bare Hono hello-world bundled the same way.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { httpApiEvent } from '../support/http-api-event.js';
import { median } from './stats.js';
import type { Rig } from './stand-ins.js';
import { BUNDLE_ALIASES } from '../../infra/bundle-aliases.js';
import { checkedConfigEnv } from '../../functions/config/checked-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./cold-runner.mjs', import.meta.url));
export const HELLO = 'hello-world (bare Hono)';
/** Starts the runner's result line (see cold-runner.mjs). */
const MARK = '@@bench ';
export const SDK_FLOOR = 'Hono + DynamoDB client only';

/**
 * The same settings as infra/front-door-function.ts BUNDLING (kept in step by hand: importing it would
 * load aws-cdk-lib): ESM, node22, minified, the AWS SDK bundled rather than taken from the runtime.
 */
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface ColdRun {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** The packages (or project folders) that take the most of the bundle, in KB. */
  largest: [string, number][];
  request: string;
  /** The HTTP status, or for a direct invoke (the lookup function) the keys of its answer. */
  status?: number | string;
  error?: string;
  runs: number;
  /** Median, spawn of `node` to the answer, from this process's clock. */
  wallMs: number;
  /** Median, inside the child: import of the bundle, then the answer to the event. */
  importMs: number;
  /** Median CPU time (all threads) of the import: less swayed than the wall clock by other work on the machine. */
  importCpuMs: number;
  answerMs: number;
}

/** The request each entry answers on its first cold invocation: the commonest one it serves. */
export function eventFor(name: string): { label: string; event: (run: number) => unknown } {
  const prefix = '/_matrix/client/v3/register';
  const submit = '/_matrix/client/unstable/registration';
  switch (name) {
    case 'register':
      // Two writes at once: the session and the per-IP counter (beside it; the started count comes from the table's
      // stream, entries/funnel.ts); the live switches were read during the cold start (entries/register.ts).
      return {
        label: 'POST /register {} → 401 (session and per-IP count: 2 writes at once)',
        event: () => httpApiEvent('POST', prefix, {}),
      };
    case 'email':
      return {
        label: 'POST email requestToken, new address (3 DynamoDB calls, owner lookup, SES)',
        event: (run) =>
          httpApiEvent('POST', `${prefix}/email/requestToken`, {
            client_secret: `cold${run}${Date.now()}`,
            email: `cold${run}.${Date.now()}@bench.local`,
            send_attempt: 1,
          }),
      };
    case 'sms':
      return {
        label: 'POST msisdn requestToken (bench tenant offers no SMS: 400, no I/O)',
        event: () =>
          httpApiEvent('POST', `${prefix}/msisdn/requestToken`, {
            client_secret: 'cold1',
            country: 'GB',
            phone_number: '07700900123',
            send_attempt: 1,
          }),
      };
    case 'checks':
      return {
        label: 'GET email submit_token, unknown sid (1 UpdateItem)',
        event: () => httpApiEvent('GET', `${submit}/email/submit_token?sid=nosuchsid&client_secret=cs1&token=abc`),
      };
    case 'account':
      return {
        label: 'POST /account/3pid/add without an access token → 401 (no I/O)',
        event: () => httpApiEvent('POST', '/_matrix/client/v3/account/3pid/add', { sid: 'cold', client_secret: 'cold1' }),
      };
    case 'pages':
      return {
        label: 'GET the terms fallback page (no I/O)',
        event: () => httpApiEvent('GET', '/_matrix/client/v3/auth/m.login.terms/fallback/web?session=coldsession'),
      };
    case 'lookup':
      // Invoked directly by the senders (entries/owner-lookup.ts), never through API Gateway: their event shape.
      return {
        label: 'direct invoke: owner of a new address (homeserver lookup)',
        event: (run) => ({ frontDoor: 'findUserByThreepid', medium: 'email', address: `cold${run}.${Date.now()}@bench.local` }),
      };
    case 'sweep':
      // Invoked by its schedule (infra/front-door-sweep.ts), never through API Gateway.
      return {
        label: 'scheduled invocation (outbox and approval sweep)',
        event: () => ({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }),
      };
    case 'funnel':
      // Invoked by the table's stream (infra/funnel-counter.ts): one new session, counted with its mark.
      return {
        label: 'stream batch: a session stored (1 TransactWriteItems: mark and count)',
        event: (run) => ({ Records: [sessionStored(`cold${run}-${Date.now()}`)] }),
      };
    case HELLO:
      return { label: 'GET / (no I/O)', event: () => httpApiEvent('GET', '/') };
    case SDK_FLOOR:
      return { label: 'GET / → 1 GetItem', event: () => httpApiEvent('GET', '/') };
    default:
      return { label: 'GET an unknown path (404, no I/O)', event: () => httpApiEvent('GET', '/_front_door/admin/bench-unknown') };
  }
}

/** A DynamoDB Streams INSERT of a new session item, as Lambda delivers it to the funnel counter. */
function sessionStored(id: string) {
  const keys = { pk: { S: `session#${id}` }, sk: { S: 'session' } };
  const image = { ...keys, status: { S: 'open' }, createdAt: { N: String(Date.now()) }, stages: { M: {} } };
  return { eventID: id, eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { Keys: keys, NewImage: image, SequenceNumber: '1' } };
}

/** Entry modules are the files that export a `handler`; shared helpers beside them are not. */
function isEntry(source: string): boolean {
  return /export\s+(const|let|async\s+function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b/.test(source);
}

function largestInputs(meta: Metafile): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const parts = path.split('/');
      const at = parts.indexOf('node_modules');
      const key = at >= 0 ? parts.slice(at + 1, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join('/') : parts.slice(0, 2).join('/');
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => [k, Math.round(v / 102.4) / 10]);
}

export async function bundle(
  entry: string,
  outfile: string,
  sdkFromRuntime = false,
  /** BUNDLING's aliases (infra/bundle-aliases.ts); they replace SDK modules, so not when the SDK is the runtime's. */
  aliases = !sdkFromRuntime,
  minify = true,
): Promise<Metafile> {
  const result = await build({
    // NodejsFunction's default (bundleAwsSDK: false): the runtime's own SDK is used instead.
    external: sdkFromRuntime ? ['@aws-sdk/*'] : [],
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify,
    banner: { js: REQUIRE_BANNER },
    // BUNDLING's aliases (the same table, infra/bundle-aliases.ts): environment credentials instead of the default
    // chain, no event-stream serde, our HTTP handler… The yardsticks get them too: same bundling.
    alias: aliases ? BUNDLE_ALIASES : {},
    metafile: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  return result.metafile!;
}

/** One cold start's figures: the wall clock from this process, the rest as the runner reports them. */
type Sample = { wallMs: number; importMs: number; importCpuMs: number; answerMs: number; status?: number | string };

function runOnce(file: string, event: unknown, env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<Sample>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [RUNNER, file, JSON.stringify(event)], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const at = out.indexOf(MARK);
      const end = at < 0 ? -1 : out.indexOf('\n', at);
      if (end < 0 || answered) return;
      answered = true;
      const wallMs = performance.now() - started;
      try {
        resolve({ wallMs, ...JSON.parse(out.slice(at + MARK.length, end)) });
      } catch (error) {
        reject(error);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (answered) return;
      const lines = err.trim().split('\n');
      const cause = lines.find((l) => /Error\b/.test(l)) ?? lines.at(-1) ?? '';
      reject(new Error(`exited with ${code}: ${cause.trim().slice(0, 240)}`));
    });
  });
}

/** The entry whose variant with the SDK left to the runtime is measured too (the budgeted one). */
export const SDK_VARIANT_OF = 'register';
export const SDK_VARIANT_SUFFIX = ' (SDK from runtime)';

/** Bundles every functions/entries/*.ts and the hello-world, then times `runs` cold answers of each. */
export async function measureColdStarts(env: NodeJS.ProcessEnv, runs: number): Promise<ColdRun[]> {
  // Inside the project, so that a bundle without the SDK finds it in node_modules as Lambda finds its own.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'front-door-bench-'));
  try {
    const entriesDir = join(ROOT, 'functions', 'entries');
    const entries = readdirSync(entriesDir)
      .filter((f) => f.endsWith('.ts') && isEntry(readFileSync(join(entriesDir, f), 'utf8')))
      .sort()
      .map((f) => ({ name: basename(f, '.ts'), path: join(entriesDir, f) }));
    const variant = entries.find((e) => e.name === SDK_VARIANT_OF);
    if (variant) entries.push({ name: `${variant.name}${SDK_VARIANT_SUFFIX}`, path: variant.path });
    entries.push({ name: SDK_FLOOR, path: fileURLToPath(new URL('./sdk-floor-entry.ts', import.meta.url)) });
    entries.push({ name: HELLO, path: fileURLToPath(new URL('./hello-entry.ts', import.meta.url)) });
    const rows: { row: ColdRun; file: string; event: (run: number) => unknown; samples: Awaited<ReturnType<typeof runOnce>>[] }[] = [];
    for (const entry of entries) {
      const file = join(out, `${entry.name.replace(/\W+/g, '-')}.mjs`);
      const sdkFromRuntime = entry.name.endsWith(SDK_VARIANT_SUFFIX);
      const meta = await bundle(entry.path, file, sdkFromRuntime);
      const { label, event } = eventFor(sdkFromRuntime ? SDK_VARIANT_OF : entry.name);
      const row: ColdRun = {
        name: entry.name,
        bytes: statSync(file).size,
        gzipBytes: gzipSync(readFileSync(file)).length,
        largest: largestInputs(meta),
        request: label,
        runs: 0,
        wallMs: Number.NaN,
        importMs: Number.NaN,
        importCpuMs: Number.NaN,
        answerMs: Number.NaN,
      };
      try {
        await runOnce(file, event(-1), env, out); // fills the file cache; not counted
      } catch (error) {
        row.error = (error as Error).message;
      }
      rows.push({ row, file, event, samples: [] });
    }
    // Round-robin over the bundles, so that a change in the machine's load touches all of them alike.
    for (let i = 0; i < runs; i++) {
      for (const r of rows) {
        if (r.row.error) continue;
        try {
          r.samples.push(await runOnce(r.file, r.event(i), env, out));
        } catch (error) {
          r.row.error = (error as Error).message;
        }
      }
    }
    const results = rows.map(({ row, samples }) => {
      if (row.error || samples.length === 0) return row;
      return {
        ...row,
        runs: samples.length,
        status: samples[0]?.status,
        wallMs: median(samples.map((s) => s.wallMs)),
        importMs: median(samples.map((s) => s.importMs)),
        importCpuMs: median(samples.map((s) => s.importCpuMs)),
        answerMs: median(samples.map((s) => s.answerMs)),
      };
    });
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What a Lambda of this tenant would find in its environment, pointed at this run's stand-ins. */
export function coldEnv(rig: Rig): NodeJS.ProcessEnv {
  const { PATH, HOME } = process.env;
  return {
    PATH,
    HOME,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: process.env.AWS_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
    AWS_ENDPOINT_URL_DYNAMODB: rig.dynamoEndpoint,
    AWS_ENDPOINT_URL_SES: rig.mailUrl,
    // As the stack sets them: the config parsed already, with its digest (the cold start takes it as it is).
    ...checkedConfigEnv(rig.config),
    TABLE_NAME: rig.config.tableName,
    REGISTRATION_SHARED_SECRET: rig.secrets.registrationSharedSecret,
    HOMESERVER_ADMIN_TOKEN: rig.secrets.homeserverAdminToken,
    FRONT_DOOR_ENCRYPTION_KEY: rig.secrets.encryptionKey.toString('base64'),
    FRONT_DOOR_OPERATOR_KEY: 'bench-operator-key-0123456789',
  };
}
