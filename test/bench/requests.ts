/**
 * Each request, through the real app and HTTP server, one at a time so that every DynamoDB and
 * homeserver call can be put down to the request that made it.
 */
import type { BenchClient } from './client.js';
import { dynamoDelta, homeserverDelta, type DynamoCount, type HomeserverCount } from './counting.js';
import { emailAndTerms, termsAndDummy, usernameAvailable, type Step, type StepKind } from './flows.js';
import type { Rig } from './stand-ins.js';
import { latency, type Latency } from './stats.js';

export type RowKind = StepKind | 'whole: terms + dummy' | 'whole: email + terms';

/** Calls per request, averaged over every sample, and the most any one sample made. */
export interface CallCounts {
  dynamoCalls: number;
  dynamoRounds: number;
  dynamoMaxRounds: number;
  dynamoOps: Record<string, number>;
  homeserverCalls: number;
  homeserverByKind: Record<string, number>;
  homeserverMaxWrites: number;
}

export interface RequestRow {
  kind: RowKind;
  latency: Latency;
  counts: CallCounts;
}

class Recorder {
  private readonly samples = new Map<RowKind, { ms: number[]; dynamo: DynamoCount[]; homeserver: HomeserverCount[] }>();

  constructor(private readonly rig: Rig) {}

  /** Times `call` and counts the calls made while it ran. */
  async measure<T extends { ms?: number }>(kind: RowKind, call: () => Promise<T>): Promise<T> {
    const d0 = this.rig.dynamoCount.snapshot();
    const h0 = this.rig.homeserverCount.snapshot();
    const started = performance.now();
    const result = await call();
    const ms = result.ms ?? performance.now() - started;
    const entry = this.samples.get(kind) ?? { ms: [], dynamo: [], homeserver: [] };
    entry.ms.push(ms);
    entry.dynamo.push(dynamoDelta(this.rig.dynamoCount.snapshot(), d0));
    entry.homeserver.push(homeserverDelta(this.rig.homeserverCount.snapshot(), h0));
    this.samples.set(kind, entry);
    return result;
  }

  readonly step: Step = (kind, call) => this.measure(kind, call);

  rows(order: RowKind[]): RequestRow[] {
    return order.flatMap((kind) => {
      const s = this.samples.get(kind);
      return s ? [{ kind, latency: latency(s.ms), counts: summarise(s.dynamo, s.homeserver) }] : [];
    });
  }
}

function summarise(dynamo: DynamoCount[], homeserver: HomeserverCount[]): CallCounts {
  const n = dynamo.length;
  const mean = (xs: number[]) => round2(xs.reduce((a, b) => a + b, 0) / n);
  const ops: Record<string, number> = {};
  for (const d of dynamo) for (const [op, c] of Object.entries(d.byOperation)) ops[op] = (ops[op] ?? 0) + c;
  const kinds: Record<string, number> = {};
  for (const h of homeserver) for (const [k, c] of Object.entries(h.byKind)) kinds[k] = (kinds[k] ?? 0) + c;
  return {
    dynamoCalls: mean(dynamo.map((d) => d.attempts)),
    dynamoRounds: mean(dynamo.map((d) => d.rounds)),
    dynamoMaxRounds: Math.max(...dynamo.map((d) => d.rounds)),
    dynamoOps: Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, round2(v / n)])),
    homeserverCalls: mean(homeserver.map((h) => h.calls)),
    homeserverByKind: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, round2(v / n)])),
    homeserverMaxWrites: Math.max(...homeserver.map((h) => h.byKind.write ?? 0)),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export const ROW_ORDER: RowKind[] = [
  'first 401',
  'terms (UIA)',
  'dummy + account creation',
  'register/available',
  'email requestToken',
  'submit_token (mail link)',
  'email identity (UIA)',
  'terms + account creation',
  'whole: terms + dummy',
  'whole: email + terms',
];

/**
 * `rounds` sign-ups of each kind (after `warm` untimed ones), interleaved so that drift hits all alike;
 * between rounds, `floorPairsPerRound` floor pairs, so the floor is sampled under the same load.
 */
export async function measureRequests(
  rig: Rig,
  client: BenchClient,
  opts: { rounds: number; warm: number; floorPair: () => Promise<number>; floorPairsPerRound: number; maxMs: number },
): Promise<{ rows: RequestRow[]; floor: number[] }> {
  const { rounds, warm } = opts;
  const floor: number[] = [];
  const mail = (to: string) => rig.lastMailText(to);
  for (let i = 0; i < warm; i++) {
    await termsAndDummy(client);
    await usernameAvailable(client);
    await emailAndTerms(client, mail);
  }
  const recorder = new Recorder(rig);
  const deadline = performance.now() + opts.maxMs;
  for (let i = 0; i < rounds && performance.now() < deadline; i++) {
    for (let p = 0; p < opts.floorPairsPerRound; p++) floor.push(await opts.floorPair());
    await recorder.measure('whole: terms + dummy', async () => {
      let ms = 0;
      await termsAndDummy(client, async (kind, call) => {
        const reply = await recorder.step(kind, call);
        ms += reply.ms;
        return reply;
      });
      return { ms };
    });
    await usernameAvailable(client, recorder.step);
    await recorder.measure('whole: email + terms', async () => {
      let ms = 0;
      await emailAndTerms(client, mail, async (kind, call) => {
        const reply = await recorder.step(kind, call);
        ms += reply.ms;
        return reply;
      });
      return { ms };
    });
  }
  return { rows: recorder.rows(ROW_ORDER), floor };
}
