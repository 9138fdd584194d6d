/**
 * `npm start`'s sweep: what the schedule runs every minute in AWS (functions/entries/sweep.ts), here on a
 * timer, so undelivered events and onboarding are retried and sign-up requests past their deadline close.
 */
import { buildSweep, type SweepParts } from '../functions/compose/sweep.js';

export interface SweepTimer {
  /** One sweep now (the timer's work, for a test that cannot wait). */
  runOnce(): Promise<void>;
  stop(): void;
}

/** Every `intervalMs`, one sweep at a time; a failed sweep is printed and the next one tries again. */
export function startSweepTimer(parts: SweepParts, intervalMs: number, print: (line: string) => void): SweepTimer {
  const sweep = buildSweep(parts);
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= sweep()
      .then(({ done, pending, expired }) => {
        if (done > 0 || expired > 0) print(`sweep: ${done} delivered, ${pending} waiting, ${expired} sign-up requests expired`);
      })
      .catch((error: Error) => print(`sweep failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  // The timer alone never keeps the process running.
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
