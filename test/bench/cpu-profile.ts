/**
 * `npx tsx test/bench/cpu-profile.ts [sign-ups]`: where the front door's own CPU goes in a whole sign-up
 * (terms + dummy, shared_secret mode). The bench's rig, warmed; the load client in a process of its own; a
 * V8 CPU profile of this process (the front door and its SDK clients only) summed by self time, per function
 * and per package. Not part of `npm run bench`: a tool for finding what to cut.
 */
import { Session } from 'node:inspector/promises';
import type { LoadOrder, LoadResult } from './load-process.js';
import { startSideProcess } from './side-process.js';
import { startRig } from './stand-ins.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const signUps = Number(process.argv[2] ?? 300);

/** The package (or project folder) a script URL belongs to. */
function ownerOf(url: string): string {
  if (!url) return '(native / GC / idle)';
  if (url.startsWith('node:')) return 'node internals';
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = url.slice(at + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const functions = url.indexOf('/functions/');
  if (functions >= 0)
    return url
      .slice(functions + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
  return url.includes('/test/') ? 'test/ (the rig)' : url;
}

function summarise(profile: Profile, perSignUp: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += us;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(ownerOf(url), (byOwner.get(ownerOf(url)) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000 / perSignUp).toFixed(3).padStart(8);
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`busy (not idle) ${ms(busy)} ms per sign-up\n\nby package (self time, ms per sign-up)\n`);
  for (const [k, v] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`${ms(v)} ${pct(v)}  ${k}\n`);
  process.stdout.write('\ntop functions (self time, ms per sign-up)\n');
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) process.stdout.write(`${ms(v)} ${pct(v)}  ${k}\n`);
}

const rig = await startRig();
try {
  const run = async (maxCount: number) => {
    const order: LoadOrder = { url: rig.url, concurrency: 1, maxCount, maxMs: 600_000 };
    const load = await startSideProcess<LoadResult>('./load-process.ts', order);
    await load.stop();
    if (load.first.errors > 0) throw new Error(`sign-ups failed: ${load.first.firstError}`);
    return load.first;
  };
  await run(100);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  const cpu0 = process.cpuUsage();
  await session.post('Profiler.start');
  const done = await run(signUps);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  const cpu = process.cpuUsage(cpu0);
  const each = done.registrations - done.errors;
  const perSignUp = (us: number) => (us / 1000 / each).toFixed(2);
  process.stdout.write(
    `${each} sign-ups; process CPU per sign-up: ${perSignUp(cpu.user + cpu.system)} ms (user ${perSignUp(cpu.user)}, system ${perSignUp(cpu.system)})\n`,
  );
  summarise(profile, each);
} finally {
  await rig.stop();
}
