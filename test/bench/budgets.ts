/** The budgets of issue 4, checked against one run's figures. */
import { HELLO, SDK_FLOOR, SDK_VARIANT_OF, SDK_VARIANT_SUFFIX, type ColdRun } from './cold-start.js';
import type { FloorRun } from './floor.js';
import { baselineOf, NAMED_DOOR, type NativeComparison, SHARED_SECRET_DOOR } from './native-synapse.js';
import type { PageWeight } from './page-weight.js';
import type { WholeRegistrationRun } from './other-homeservers.js';
import type { RequestRow } from './requests.js';
import type { ThroughputRun } from './throughput.js';

export interface BudgetCheck {
  budget: string;
  limit: string;
  measured: string;
  met: boolean;
}

const UIA_STEPS = new Set(['first 401', 'terms (UIA)', 'email identity (UIA)']);
const CREATING = new Set(['dummy + account creation', 'terms + account creation']);
export const ACCOUNT_ENTRY = 'register';
const MAX_BUNDLE_BYTES = 350 * 1024;
/** Issue 18: the register cold start beside a bundle of Hono and the DynamoDB client alone, same run. */
const MAX_COLD_VS_SDK_FLOOR = 1.2;
/** Issue 18: what the front door's own code and SDK spend per whole sign-up. */
const MAX_CPU_MS_PER_SIGN_UP = 6;
/** Issue 18: a whole sign-up through the front door beside Synapse's own (section 7), p50. */
const MAX_VS_NATIVE = 1.04;
/** Issue 14: each step of the sign-up page, HTML + CSS + JS compressed (a captcha provider's script not counted). */
const MAX_PAGE_GZIP_BYTES = 30 * 1024;

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

export function checkBudgets(
  floor: FloorRun,
  rows: RequestRow[],
  cold: ColdRun[],
  throughput: ThroughputRun[],
  adminApi: WholeRegistrationRun,
  pages: PageWeight[] = [],
  /** What one DynamoDB call costs the SDK's client in CPU at least (half the block floor's CPU per pair at concurrency 1). */
  sdkCpuMsPerCall?: number,
  native?: NativeComparison | { skipped: string },
): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const row of rows) {
    const { kind, counts } = row;
    if (UIA_STEPS.has(kind) || CREATING.has(kind)) {
      const limit = CREATING.has(kind) ? 3 : 2;
      checks.push({
        budget: `DynamoDB round trips: ${kind}`,
        limit: `≤ ${limit}`,
        measured: `${counts.dynamoRounds} rounds (${counts.dynamoCalls} calls; worst ${counts.dynamoMaxRounds})`,
        met: counts.dynamoMaxRounds <= limit,
      });
    }
    if (CREATING.has(kind)) {
      checks.push({
        budget: `homeserver writes: ${kind}`,
        limit: '1 per account',
        measured: `${counts.homeserverByKind.write ?? 0} (worst ${counts.homeserverMaxWrites})`,
        met: counts.homeserverMaxWrites <= 1,
      });
    }
    if (!kind.startsWith('whole')) {
      const ratio = row.latency.p50 / floor.pair.p50;
      checks.push({ budget: `p50 vs floor p50: ${kind}`, limit: '≤ 1.50×', measured: `${fmt(ratio)}×`, met: ratio <= 1.5 });
    }
  }
  for (const t of throughput) {
    checks.push({
      budget: `no retry storm: throughput at concurrency ${t.concurrency}`,
      limit: '0 errors, 1 write each',
      measured: `${t.errors} errors, ${t.homeserverWritesEach} writes, ${t.homeserverCallsEach} hs calls each`,
      met: t.errors === 0 && t.homeserverWritesEach <= 1,
    });
  }
  const single = throughput.find((t) => t.concurrency === 1);
  if (single) {
    checks.push({
      budget: 'front door CPU per sign-up (its own process, concurrency 1)',
      limit: `≤ ${MAX_CPU_MS_PER_SIGN_UP} ms`,
      // Beside it, what its DynamoDB calls alone cost at the floor's CPU per call.
      measured:
        sdkCpuMsPerCall === undefined
          ? `${fmt(single.frontDoorCpuMsEach)} ms`
          : `${fmt(single.frontDoorCpuMsEach)} ms (its ${fmt(single.dynamoCallsEach)} DynamoDB calls at the floor's ${fmt(sdkCpuMsPerCall)} ms: ${fmt(single.dynamoCallsEach * sdkCpuMsPerCall)})`,
      met: single.frontDoorCpuMsEach <= MAX_CPU_MS_PER_SIGN_UP,
    });
  }
  const adminWrites = adminApi.homeserverByKind.write ?? 0;
  checks.push({
    budget: 'homeserver writes: whole registration, admin_api mode',
    limit: '1 per account',
    measured: `${adminWrites} (+ ${adminApi.homeserverByKind.login ?? 0} login)`,
    met: adminWrites <= 1,
  });
  if (native) checks.push(...checkNativeBudgets(native));
  checks.push(...checkColdBudgets(cold));
  for (const page of pages) {
    checks.push({
      budget: `page weight: sign-up ${page.page}`,
      limit: '≤ 30 KB gzip',
      measured: `${fmt(page.gzipBytes / 1024)} KB gzip (${fmt(page.bytes / 1024)} KB raw, ${page.assets.length} files)`,
      met: page.gzipBytes <= MAX_PAGE_GZIP_BYTES,
    });
  }
  return checks;
}

/** Section 7: the front door's sign-up beside Synapse's own, with and without Element's device name (each against its like). */
export function checkNativeBudgets(native: NativeComparison | { skipped: string }): BudgetCheck[] {
  const limit = `≤ ${MAX_VS_NATIVE.toFixed(2)}×`;
  return [SHARED_SECRET_DOOR, NAMED_DOOR].map((door) => {
    const budget = `sign-up beside Synapse's own, p50: ${door}`;
    if ('skipped' in native) return { budget, limit, measured: `not measured (${native.skipped})`, met: false };
    const p50 = (label: string) => native.rows.find((row) => row.label === label)?.latency.p50 ?? Number.NaN;
    const [own, base] = [p50(door), p50(baselineOf(native, door))];
    return { budget, limit, measured: `${(own / base).toFixed(3)}× (${fmt(own)} vs ${fmt(base)} ms)`, met: own / base <= MAX_VS_NATIVE };
  });
}

/** The register bundle's size and its cold start beside the yardsticks of the same run (`--only cold` prints these alone). */
export function checkColdBudgets(cold: ColdRun[]): BudgetCheck[] {
  const account = cold.find((c) => c.name === ACCOUNT_ENTRY);
  if (!account) return [];
  const hello = cold.find((c) => c.name === HELLO);
  const sdkFloor = cold.find((c) => c.name === SDK_FLOOR);
  const withoutSdk = cold.find((c) => c.name === `${SDK_VARIANT_OF}${SDK_VARIANT_SUFFIX}`);
  const checks: BudgetCheck[] = [
    {
      budget: `bundle size: entries/${ACCOUNT_ENTRY}.ts`,
      limit: '< 350 KB',
      measured: `${fmt(account.bytes / 1024)} KB${withoutSdk ? ` (SDK from runtime: ${fmt(withoutSdk.bytes / 1024)} KB)` : ''}`,
      met: account.bytes < MAX_BUNDLE_BYTES,
    },
  ];
  if (sdkFloor) {
    const ratio = account.wallMs / sdkFloor.wallMs;
    checks.push({
      budget: `cold start vs Hono + DynamoDB client: entries/${ACCOUNT_ENTRY}.ts`,
      limit: `≤ ${MAX_COLD_VS_SDK_FLOOR.toFixed(2)}×`,
      measured: `${fmt(ratio)}× (${fmt(account.wallMs)} vs ${fmt(sdkFloor.wallMs)} ms; import ${fmt(account.importMs)} vs ${fmt(sdkFloor.importMs)} ms)`,
      met: ratio <= MAX_COLD_VS_SDK_FLOOR && !account.error,
    });
  }
  if (hello) {
    const ratio = account.wallMs / hello.wallMs;
    checks.push({
      budget: `cold load vs hello-world: entries/${ACCOUNT_ENTRY}.ts`,
      limit: '≤ 2.00×',
      measured: `${fmt(ratio)}× (${fmt(account.wallMs)} vs ${fmt(hello.wallMs)} ms${sdkFloor ? `; Hono + DynamoDB only: ${fmt(sdkFloor.wallMs / hello.wallMs)}×` : ''})`,
      met: ratio <= 2 && !account.error,
    });
  }
  return checks;
}
