/** A clock the test moves by hand, so expiry is tested without waiting. */
import type { Clock } from '../../functions/ports.js';

export class TestClock implements Clock {
  constructor(private current = Date.parse('2026-11-23T12:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
