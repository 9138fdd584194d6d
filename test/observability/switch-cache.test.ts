/**
 * How a process keeps the live switches (policy/live-switches.ts): never past their TTL, and read again
 * beside a request in the last half of their life, so that a process that keeps serving never makes a request
 * wait for the read. The store here is a reader the test answers by hand (the caching is what is tested; the
 * switches' own store is tested against DynamoDB Local in live-switches.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { LiveSwitches } from '../../functions/model/live-switches.js';
import { CachedSwitches } from '../../functions/policy/live-switches.js';
import { TestClock } from '../support/test-clock.js';

const TTL = 10_000;
const OPEN: LiveSwitches = { registrationClosed: false, smsPaused: false, emailPaused: false };
const CLOSED: LiveSwitches = { ...OPEN, registrationClosed: true };

/** A store whose reads wait until the test answers them, in order. */
function handReader() {
  const waiting: { answer: (state: LiveSwitches) => void; fail: (error: Error) => void }[] = [];
  return {
    read: () =>
      new Promise<LiveSwitches & { changedAt?: number }>((answer, fail) => {
        waiting.push({ answer, fail });
      }),
    get reads() {
      return waiting.length;
    },
    answer(state: LiveSwitches) {
      waiting.at(-1)!.answer(state);
    },
    fail() {
      waiting.at(-1)!.fail(new Error('store unavailable'));
    },
  };
}

/** Whether `promise` has settled once pending callbacks have run (it is then answered from memory). */
async function settledAtOnce(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

function setUp() {
  const clock = new TestClock();
  const store = handReader();
  return { clock, store, switches: new CachedSwitches(store, clock, TTL) };
}

/** A process whose first read has brought `state` in, just now. */
async function afterFirstRead(state: LiveSwitches) {
  const parts = setUp();
  const first = parts.switches.current();
  parts.store.answer(state);
  await first;
  return parts;
}

describe('the live switches of one process', () => {
  it('waits for the first read; answers from memory in the first half of the TTL, without reading', async () => {
    const { clock, store, switches } = setUp();
    const first = switches.current();
    expect(await settledAtOnce(first)).toBe(false);
    store.answer(OPEN);
    expect(await first).toEqual(OPEN);
    clock.advance(TTL / 2 - 1);
    expect(await settledAtOnce(switches.current())).toBe(true);
    expect(store.reads).toBe(1);
  });

  it('in the last half, answers from memory at once and reads beside the request, one read for many requests', async () => {
    const { clock, store, switches } = await afterFirstRead(OPEN);
    clock.advance(TTL / 2);
    const during = [switches.current(), switches.current(), switches.current()];
    for (const answer of during) expect(await settledAtOnce(answer)).toBe(true);
    expect(await Promise.all(during)).toEqual([OPEN, OPEN, OPEN]);
    expect(store.reads).toBe(2);
    // The operator closed registration meanwhile: the read beside the requests brings it in before the old state lapses.
    store.answer(CLOSED);
    await new Promise((resolve) => setImmediate(resolve));
    // Past the first state's lapse: answered from the second at once (itself in its last half, so read beside again).
    clock.advance(TTL / 2 + 1);
    const after = switches.current();
    expect(await settledAtOnce(after)).toBe(true);
    expect(await after).toEqual(CLOSED);
    expect(store.reads).toBe(3);
  });

  it('never answers from a state past its TTL: after an idle spell the request waits for the read', async () => {
    const { clock, store, switches } = await afterFirstRead(OPEN);
    clock.advance(TTL);
    const lapsed = switches.current();
    expect(await settledAtOnce(lapsed)).toBe(false);
    store.answer(CLOSED);
    expect(await lapsed).toEqual(CLOSED);
  });

  it('keeps the state through a failed read beside a request, and reads again once it lapses', async () => {
    const { clock, store, switches } = await afterFirstRead(CLOSED);
    clock.advance(TTL / 2);
    expect(await switches.current()).toEqual(CLOSED);
    store.fail();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(TTL / 2);
    const lapsed = switches.current();
    expect(await settledAtOnce(lapsed)).toBe(false);
    expect(store.reads).toBe(3);
    store.fail();
    // The store still fails: the last known state, not "all off", as before the first read.
    expect(await lapsed).toEqual(CLOSED);
  });
});
