/**
 * `npx tsx test/bench/cold-profile.ts [entry]` (default `register`): where one cold start's CPU goes. The
 * entry is bundled as the bench bundles it but not minified (esbuild then marks each module's code with its
 * path), a fresh `node --cpu-prof` answers the entry's bench event against the bench's rig, and the profile's
 * self time is summed per module and per package, split into the import and the answer. A tool for finding
 * what to cut; not part of `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, coldEnv, eventFor } from './cold-start.js';
import { startRig } from './stand-ins.js';

interface Profile {
  nodes: { id: number; callFrame: { url: string; lineNumber: number; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./cold-runner.mjs', import.meta.url));
const name = process.argv[2] ?? 'register';

/** Line → module path, from the `// path` comments an unminified esbuild bundle puts before each module. */
function moduleLines(source: string): (line: number) => string {
  const starts: [number, string][] = [];
  source.split('\n').forEach((text, i) => {
    const marker = /^\/\/ ((?:node_modules|functions|test)\/\S+)$/.exec(text);
    if (marker) starts.push([i, marker[1]!]);
  });
  return (line) => {
    let found = '(bundle prelude)';
    for (const [start, path] of starts) {
      if (start > line) break;
      found = path;
    }
    return found;
  };
}

const packageOf = (path: string) => {
  const parts = path.split('/');
  if (parts[0] !== 'node_modules') return parts.slice(0, 2).join('/');
  return parts.slice(1, parts[1]!.startsWith('@') ? 3 : 2).join('/');
};

function top(map: Map<string, number>, n: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
}

async function main(): Promise<void> {
  const rig = await startRig();
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'front-door-cold-profile-'));
  try {
    const file = join(out, `${name}.mjs`);
    await bundle(join(ROOT, 'functions', 'entries', `${name}.ts`), file, false, true, false);
    const event = JSON.stringify(eventFor(name).event(0));
    const env = coldEnv(rig);
    spawnSync(process.execPath, [RUNNER, file, event], { env, cwd: out }); // fills the file cache
    const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, RUNNER, file, event], {
      env,
      cwd: out,
      encoding: 'utf8',
    });
    const report = JSON.parse(/@@bench (.*)/.exec(run.stdout)?.[1] ?? '{}');
    const profile = JSON.parse(readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.cpuprofile'))!), 'utf8')) as Profile;
    const lineOf = moduleLines(readFileSync(file, 'utf8'));
    const bundleUrl = pathToFileURL(file).href;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    // The import's end on the profile's own clock (both are the monotonic clock, in µs). Not the profile's start plus
    // the runner's boot and import times: the profiler starts well after the process's time origin, which
    // put the first ~20 ms of the answer (undici's load among them) in the import.
    const phases = { import: new Map<string, number>(), answer: new Map<string, number>() };
    const packages = { import: new Map<string, number>(), answer: new Map<string, number>() };
    let at = profile.startTime;
    const importEnds = report.loadedUs as number;
    for (const [i, id] of profile.samples.entries()) {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      const frame = byId.get(id)!.callFrame;
      const internal = `node: ${frame.url
        .replace(/^node:internal\//, '')
        .split('/')
        .slice(0, 2)
        .join('/')}`;
      const where = frame.url === bundleUrl ? lineOf(frame.lineNumber) : frame.url ? internal : `(${frame.functionName || 'native'})`;
      const phase = at <= importEnds ? 'import' : 'answer';
      phases[phase].set(where, (phases[phase].get(where) ?? 0) + delta);
      const owner = frame.url === bundleUrl ? packageOf(where) : frame.url ? 'node internals' : where;
      packages[phase].set(owner, (packages[phase].get(owner) ?? 0) + delta);
    }
    process.stdout.write(
      `${name}: import ${report.importMs?.toFixed(1)} ms, answer ${report.answerMs?.toFixed(1)} ms (status ${report.status}; unminified bundle)\n` +
        `\nimport, by package:\n${top(packages.import, 12)}\n\nimport, by module:\n${top(phases.import, 15)}\n` +
        `\nanswer, by package:\n${top(packages.answer, 12)}\n\nanswer, by module:\n${top(phases.answer, 15)}\n`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
    await rig.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`cold-profile failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
