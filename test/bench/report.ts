/** Renders one run as plain-text tables, the floor beside every figure. */
import type { BudgetCheck } from './budgets.js';
import type { ColdRun } from './cold-start.js';
import type { FloorRun } from './floor.js';
import { baselineOf, type NativeComparison } from './native-synapse.js';
import type { WholeRegistrationRun } from './other-homeservers.js';
import type { PageWeight } from './page-weight.js';
import type { RequestRow } from './requests.js';
import type { ThroughputRun } from './throughput.js';
import type { Latency } from './stats.js';

export interface BenchResult {
  when: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  floor: FloorRun[];
  requests: RequestRow[];
  throughput: ThroughputRun[];
  cold: ColdRun[];
  adminApi: WholeRegistrationRun;
  realHomeserver?: WholeRegistrationRun | { skipped: string };
  native?: NativeComparison | { skipped: string };
  pageWeight: PageWeight[];
  budgets: BudgetCheck[];
  seconds: number;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
/** A latency's cells, in the columns n, p50, p95, p99. */
const spread = (l: Latency) => [l.n, ms(l.p50), ms(l.p95), ms(l.p99)];

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The block run at this concurrency (or the nearest below it). */
function floorFor(floor: FloorRun[], concurrency: number): FloorRun {
  const blocks = floor.filter((f) => f.mode === 'block');
  return [...blocks].reverse().find((f) => f.concurrency <= concurrency) ?? floor[0]!;
}

export function renderReport(r: BenchResult): string {
  const base = r.floor.find((f) => f.mode === 'interleaved') ?? floorFor(r.floor, 1);
  const out: string[] = [];
  out.push(
    `front door bench — ${r.when} — node ${r.machine.node}, ${r.machine.cpus} CPUs, load average at start ${r.machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
  );
  out.push('');
  out.push('1. Floor: consistent GetItem + conditional UpdateItem on DynamoDB Local (ms per pair)');
  out.push(
    table(
      ['run', 'concurrency', 'pairs', 'p50', 'p95', 'p99', 'pairs/s', 'CPU ms/pair'],
      r.floor.map((f) => [
        f.mode,
        f.concurrency,
        ...spread(f.pair),
        f.pairsPerSecond.toFixed(0),
        f.cpuMsPerPair === undefined ? '—' : ms(f.cpuMsPerPair),
      ]),
    ),
  );
  out.push('');
  out.push(
    `2+3. Requests through the app and its HTTP server, one at a time (ms; ×floor = p50 ÷ interleaved floor p50 ${ms(base.pair.p50)} ms)`,
  );
  out.push(
    table(
      [
        'request',
        'n',
        'p50',
        'p95',
        'p99',
        '×floor',
        'ddb calls',
        'ddb rounds',
        'hs calls',
        'hs writes',
        'DynamoDB operations',
        'homeserver calls',
      ],
      r.requests.map((row) => [
        row.kind,
        ...spread(row.latency),
        (row.latency.p50 / base.pair.p50).toFixed(2),
        row.counts.dynamoCalls,
        row.counts.dynamoRounds,
        row.counts.homeserverCalls,
        row.counts.homeserverByKind.write ?? 0,
        Object.entries(row.counts.dynamoOps)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
        Object.entries(row.counts.homeserverByKind)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
      ]),
    ),
  );
  out.push('');
  out.push(
    "4. Throughput: whole registrations (terms + dummy) from a load client in its own process, every one required to succeed; CPU = the front door process's own",
  );
  out.push(
    table(
      [
        'concurrency',
        'registrations',
        'errors',
        'per second',
        'floor pairs/s',
        '÷floor',
        'ddb calls each',
        'hs calls each',
        'hs writes each',
        'front door CPU ms each',
      ],
      r.throughput.map((t) => {
        const f = floorFor(r.floor, t.concurrency);
        return [
          t.concurrency,
          t.registrations,
          t.errors,
          t.perSecond.toFixed(1),
          `${f.pairsPerSecond.toFixed(0)} (c${f.concurrency})`,
          (t.perSecond / f.pairsPerSecond).toFixed(3),
          t.dynamoCallsEach,
          t.homeserverCallsEach,
          t.homeserverWritesEach,
          t.frontDoorCpuMsEach.toFixed(2),
        ];
      }),
    ),
  );
  const failed = r.throughput.find((t) => t.firstError);
  if (failed) out.push(`   first error at concurrency ${failed.concurrency}: ${failed.firstError}`);
  out.push('');
  out.push(renderColdStarts(r.cold));
  out.push('');
  out.push('6. Whole registration (terms + dummy) through a front door of its own, per homeserver and creation mode');
  const runs = [r.adminApi, ...(r.realHomeserver && !('skipped' in r.realHomeserver) ? [r.realHomeserver] : [])];
  out.push(
    table(
      ['homeserver', 'mode', 'n', 'p50', 'p95', 'p99', 'ddb calls', 'hs calls', 'homeserver calls'],
      runs.map((h) => [
        h.label,
        h.mode,
        ...spread(h.latency),
        h.dynamoCalls,
        h.homeserverCalls,
        Object.entries(h.homeserverByKind)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
      ]),
    ),
  );
  if (r.realHomeserver && 'skipped' in r.realHomeserver) out.push(`   real homeserver: skipped (${r.realHomeserver.skipped})`);
  out.push('');
  if (r.native) out.push(renderNative(r.native), '');
  out.push(renderPageWeight(r.pageWeight), '');
  out.push(renderBudgets(r.budgets));
  out.push('');
  out.push(`${r.budgets.filter((b) => b.met).length}/${r.budgets.length} budgets met; bench took ${r.seconds.toFixed(0)} s`);
  return out.join('\n');
}

/** Each budget with its limit, the measured figure and whether it was met. */
export function renderBudgets(budgets: BudgetCheck[]): string {
  return [
    'Budgets',
    table(
      ['budget', 'limit', 'measured', ''],
      budgets.map((b) => [b.budget, b.limit, b.measured, b.met ? 'met' : 'MISSED']),
    ),
  ].join('\n');
}

/** 5: each bundle's size, what takes its room, and its cold start. */
export function renderColdStarts(cold: ColdRun[]): string {
  return [
    '5. Cold start: fresh `node` process loads the bundle and answers one API Gateway v2 event (medians)',
    table(
      [
        'bundle',
        'minified KB',
        'gzip KB',
        'runs',
        'spawn→answer',
        'import',
        'import CPU',
        'answer',
        'status',
        'first event',
        'largest parts (KB)',
      ],
      cold.map((c) => [
        c.name,
        (c.bytes / 1024).toFixed(1),
        (c.gzipBytes / 1024).toFixed(1),
        c.runs,
        ms(c.wallMs),
        ms(c.importMs),
        ms(c.importCpuMs),
        ms(c.answerMs),
        c.error ? `failed: ${c.error}` : String(c.status ?? ''),
        c.request,
        c.largest.map(([k, v]) => `${k} ${v}`).join(', '),
      ]),
    ),
  ].join('\n');
}

/** 7: the front door beside Synapse's own registration, with the ratio to the native figure. */
export function renderNative(n: NativeComparison | { skipped: string }): string {
  const title = "7. Whole sign-up (dummy flow) through the front door beside Synapse's own open registration (ms, from the client)";
  if ('skipped' in n) return `${title}\n   skipped: ${n.skipped}`;
  const latencyOf = (label: string) => n.rows.find((row) => row.label === label)?.latency;
  const baseOf = (label: string) => latencyOf(baselineOf(n, label));
  const ratio = (x: number, b?: number) => (b ? `${(x / b).toFixed(3)}` : 'n/a');
  return [
    title,
    `   ${n.source}`,
    table(
      ['sign-up', 'n', 'p50', 'p95', 'p50 ÷ native', 'p95 ÷ native'],
      n.rows.map((row) => [
        row.label,
        row.latency.n,
        ms(row.latency.p50),
        ms(row.latency.p95),
        ratio(row.latency.p50, baseOf(row.label)?.p50),
        ratio(row.latency.p95, baseOf(row.label)?.p95),
      ]),
    ),
    `   native = ${n.baseline} (for the row with a device name: Synapse's own with the same name)`,
  ].join('\n');
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** 8: each step of the hosted sign-up page, its HTML with the stylesheets and scripts it references. */
export function renderPageWeight(pages: PageWeight[]): string {
  const files = (p: PageWeight, kind: 'html' | 'css' | 'js') => p.assets.filter((a) => a.kind === kind);
  const size = (list: { bytes: number }[]) => list.reduce((n, a) => n + a.bytes, 0);
  const excluded = [...new Set(pages.flatMap((p) => p.excluded))];
  return [
    '8. Sign-up page weight: each step with the CSS and JS it references (KB; gzip by node:zlib, each file on its own)',
    table(
      ['page', 'step', 'status', 'HTML', 'CSS', 'JS', 'files', 'raw', 'gzip'],
      pages.map((p) => [
        p.page,
        p.step,
        p.status,
        kb(size(files(p, 'html'))),
        kb(size(files(p, 'css'))),
        kb(size(files(p, 'js'))),
        p.assets.length,
        kb(p.bytes),
        kb(p.gzipBytes),
      ]),
    ),
    `   files: ${[...new Set(pages.flatMap((p) => p.assets.filter((a) => a.kind !== 'html').map((a) => a.url)))].join(', ') || 'none'}`,
    ...(excluded.length ? [`   not counted (other origins): ${excluded.join(', ')}`] : []),
  ].join('\n');
}
