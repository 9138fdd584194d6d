/**
 * DynamoDB failing at each call of a sign-up, one call at a time: throttled before the write, or the write
 * done and its answer lost. The client (which retries what failed, as clients do) always ends with exactly
 * one account, and every failure it saw was a Matrix error it could act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Answer, type Harness } from '../support/harness.js';
import type { TestClock } from '../support/test-clock.js';
import { retrying } from '../support/retrying.js';
import { recordFigure } from './figures.js';

type FaultKind = 'throttle' | 'lost-answer';

interface FaultPlan {
  calls: number;
  failAt: number;
  kind: FaultKind;
}

/** Counts the client's calls and fails the `failAt`-th one; added before the SDK's own retries. */
function injectStoreFaults(h: Harness): FaultPlan {
  const plan: FaultPlan = { calls: 0, failAt: -1, kind: 'throttle' };
  h.db.middlewareStack.add(
    (next) => async (args) => {
      plan.calls++;
      if (plan.calls !== plan.failAt) return next(args);
      if (plan.kind === 'throttle') {
        throw Object.assign(new Error('Throughput exceeds the current capacity'), {
          name: 'ProvisionedThroughputExceededException',
          $metadata: { httpStatusCode: 400 },
          $retryable: { throttling: true },
        });
      }
      await next(args);
      throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
    },
    { step: 'initialize', name: 'injectedStoreFaults' },
  );
  return plan;
}

let h: Harness;
let plan: FaultPlan;
let faults = 0;
beforeAll(async () => {
  // A short homeserver timeout keeps the creation lease short, so waiting one out stays quick.
  h = await startHarness({ homeserverTimeoutMs: 1000 });
  plan = injectStoreFaults(h);
});
afterAll(async () => {
  recordFigure('store faults injected', faults);
  await h.close();
});

const withRetries = (send: () => Promise<Answer>, seen: Answer[]) => retrying(send, seen, h.clock as TestClock, 5);

async function signUp(username: string, seen: Answer[]): Promise<Answer> {
  const first = await withRetries(() => h.post(REGISTER, { username, password: 'correct horse battery' }), seen);
  expect(first.status, JSON.stringify(first.body)).toBe(401);
  const session = first.body.session;
  const terms = await withRetries(() => h.post(REGISTER, { auth: { type: 'm.login.terms', session } }), seen);
  expect(terms.status, JSON.stringify(terms.body)).toBe(401);
  return withRetries(() => h.post(REGISTER, { auth: { type: 'm.login.dummy', session } }), seen);
}

describe('DynamoDB faults at each call of a sign-up', () => {
  it('measures how many store calls a clean sign-up makes', async () => {
    plan.calls = 0;
    plan.failAt = -1;
    expect((await signUp('baseline', [])).status).toBe(200);
    expect(plan.calls).toBeGreaterThan(3);
  });

  for (const kind of ['throttle', 'lost-answer'] as const) {
    it(`${kind}: whichever call fails, the retry completes and one account exists`, async () => {
      plan.calls = 0;
      plan.failAt = -1;
      await signUp(`count-${kind}`, []);
      const callsPerSignUp = plan.calls;
      for (let k = 1; k <= callsPerSignUp; k++) {
        const username = `${kind === 'throttle' ? 't' : 'l'}${k}-victim`;
        plan.calls = 0;
        plan.failAt = k;
        plan.kind = kind;
        const seen: Answer[] = [];
        const done = await signUp(username, seen);
        faults++;
        expect(done.status, `${kind} at call ${k}: ${JSON.stringify(done.body)}`).toBe(200);
        expect(done.body.user_id).toBe(`@${username}:localhost`);
        for (const failure of seen) {
          // 503: the store failed; 429: a retry found the failed call's claim on the creation still running.
          expect([503, 429], `${kind} at call ${k}: ${JSON.stringify(failure.body)}`).toContain(failure.status);
          expect(failure.body.errcode).toBe(failure.status === 503 ? 'M_UNKNOWN' : 'M_LIMIT_EXCEEDED');
          expect(Number(failure.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      const created = h.homeserver.listUsers().filter((u) => u.name.includes('-victim'));
      expect(new Set(created.map((u) => u.name)).size).toBe(created.length);
    });
  }

  it('logged no unhandled error', () => {
    expect(h.logs.filter((l) => l.includes('unhandled_error'))).toEqual([]);
  });
});
