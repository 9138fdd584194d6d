/**
 * Enumeration-safe mode: requestToken for an address that has an account and for one that has none must
 * not be told apart by status, headers, body shape or timing. Status and body are asserted; the timing
 * distributions are measured and recorded (timings are reported, never asserted, in this project).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Answer, type Harness } from '../support/harness.js';
import { recordFigure } from './figures.js';
import { EMAIL_TOKEN, enumerationSafeEmail, sendLimits } from '../support/constants.js';

const SAMPLES = 60;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    mode: 'admin_api',
    messaging: true,
    config: enumerationSafeEmail(sendLimits(1000, 1000)),
  });
  const res = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/@holder:localhost`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${h.secrets.homeserverAdminToken}` },
    body: JSON.stringify({ password: 'holder password', threepids: [{ medium: 'email', address: 'used@example.org' }] }),
  });
  expect(res.status).toBe(201);
});
afterAll(() => h.close());

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return {
    p10: round(quantile(s, 0.1)),
    p50: round(quantile(s, 0.5)),
    p90: round(quantile(s, 0.9)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
  };
};
const round = (n: number) => Math.round(n * 100) / 100;

/** The shape of an answer with every value replaced by its type and length class. */
const shapeOf = (a: Answer) => ({
  status: a.status,
  keys: Object.keys(a.body).sort(),
  sidLength: String(a.body.sid).length,
  headers: [...a.headers.keys()].sort(),
});

describe('enumeration-safe requestToken', () => {
  it(`answers a used and an unused address alike (${SAMPLES} of each, interleaved)`, async () => {
    const timings = { used: [] as number[], unused: [] as number[] };
    const shapes = new Set<string>();
    for (let i = 0; i < SAMPLES; i++) {
      const order: ('used' | 'unused')[] = i % 2 ? ['used', 'unused'] : ['unused', 'used'];
      for (const kind of order) {
        const email = kind === 'used' ? 'used@example.org' : `fresh${i}@example.org`;
        const started = performance.now();
        const answer = await h.post(EMAIL_TOKEN, { client_secret: `cs-${i}`, email, send_attempt: 1 });
        timings[kind].push(performance.now() - started);
        expect(answer.status).toBe(200);
        shapes.add(JSON.stringify(shapeOf(answer)));
      }
    }
    expect([...shapes]).toHaveLength(1);
    recordFigure('enumeration timing ms (used address)', summary(timings.used));
    recordFigure('enumeration timing ms (unused address)', summary(timings.unused));
  });
});
