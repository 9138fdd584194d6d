/**
 * The homeserver failing at each call a verified sign-up makes to it (username checks, the address lookup,
 * nonce, creation, binding, login), in each way it can fail: down, 500, slow, and the write done but the
 * answer lost (500 or a reset connection). The client retries what it was told to retry; it must end with
 * one account holding the address, never two, and every failure it saw must be a Matrix error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkInMail, REGISTER, startHarness, THREEPID, type Answer, type Harness, type Mode } from '../support/harness.js';
import type { TestClock } from '../support/test-clock.js';
import { retrying } from '../support/retrying.js';
import { recordFigure } from './figures.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';

const KINDS = ['down', 'status500', 'slow', 'commit-then-500', 'commit-then-reset'] as const;
let injected = 0;

describe.each<Mode>(['shared_secret', 'admin_api'])('homeserver faults at every call (%s)', (mode) => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    h = await startHarness({
      mode,
      messaging: true,
      homeserverTimeoutMs: 1000,
      config: {
        registration: { flows: [['m.login.email.identity']] },
        threepid: { ...THREEPID, rateLimits: sendLimits(1000, 1000) },
      },
    });
  });
  afterAll(async () => {
    recordFigure(`homeserver faults injected (${mode})`, injected);
    await h.close();
  });

  const retry = (send: () => Promise<Answer>, seen: Answer[]) => retrying(send, seen, h.clock as TestClock);

  /** A whole verified sign-up, each call retried while the answer says to. */
  async function signUp(seen: Answer[]): Promise<{ done: Answer; username: string; email: string }> {
    n++;
    const username = `hsfault${n}`;
    const email = `hsfault${n}@example.org`;
    const first = await retry(() => h.post(REGISTER, { username, password: 'correct horse battery' }), seen);
    expect(first.status, JSON.stringify(first.body)).toBe(401);
    const sid = (await retry(() => h.post(EMAIL_TOKEN, { client_secret: `cs${n}`, email, send_attempt: 1 }), seen)).body.sid;
    expect((await fetch(await linkInMail(h, email))).status).toBe(200);
    const auth = { type: 'm.login.email.identity', session: first.body.session, threepid_creds: { sid, client_secret: `cs${n}` } };
    const done = await retry(() => h.post(REGISTER, { auth }), seen);
    return { done, username, email };
  }

  it('fails each call the sign-up makes, in each way, and always ends with one account holding the address', async () => {
    const before = { ...h.homeserver.counters };
    await signUp([]);
    const used = h.homeserver.routeKeys.filter((key) => h.homeserver.counters[key]! > before[key]!);
    expect(used.length).toBeGreaterThanOrEqual(3);
    for (const route of used) {
      for (const kind of KINDS) {
        h.homeserver.injectFault({ route, kind, delayMs: 1500, times: 1 });
        injected++;
        const seen: Answer[] = [];
        const { done, username, email } = await signUp(seen);
        const what = `${kind} on ${route}`;
        expect(done.status, `${what}: ${JSON.stringify(done.body)}`).toBe(200);
        expect(done.body.user_id).toBe(`@${username}:localhost`);
        for (const failure of seen) {
          expect([503, 429], `${what}: ${JSON.stringify(failure.body)}`).toContain(failure.status);
          expect(typeof failure.body.errcode).toBe('string');
        }
        const holders = h.homeserver.listUsers().filter((u) => u.threepids.some((t) => t.address === email));
        expect(
          holders.map((u) => u.name),
          what,
        ).toEqual([`@${username}:localhost`]);
      }
    }
    const names = h.homeserver.listUsers().map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
  }, 240_000);

  it('logged no unhandled error', () => {
    expect(h.logs.filter((l) => l.includes('unhandled_error'))).toEqual([]);
  });
});
