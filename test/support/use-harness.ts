/**
 * Starts a harness (or any stand-in) before the tests of the enclosing `describe` (or file) and stops it
 * after them, so a test file does not write the same beforeAll/afterAll pair again.
 */
import { afterAll, beforeAll } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from './harness.js';

/**
 * What `start` gives, registered for the enclosing block and stopped with `stop`. The returned object stands
 * for it once beforeAll has run: it can be used in tests and hooks, not while the tests are being collected.
 */
export function useStarted<T extends object>(start: () => Promise<T>, stop: (started: T) => unknown): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => started && stop(started));
  // A stand-in object rather than a getter, so that tests keep writing `h.post(…)` and `call(h, …)`.
  return new Proxy({} as T, {
    get(_, key) {
      if (started === undefined) throw new Error('useStarted: it starts in beforeAll; use it inside a test or hook');
      return Reflect.get(started, key);
    },
  });
}

/** The harness that `start` gives (or `startHarness(options)`), for the enclosing block; see useStarted. */
export function useHarness<H extends Harness = Harness>(start: HarnessOptions | (() => Promise<H>)): H {
  const begin = typeof start === 'function' ? start : async () => (await startHarness(start)) as H;
  return useStarted(begin, (h) => h.close());
}
