/**
 * A clock the test moves by hand, so expiry is tested without waiting. It starts at the real time:
 * DynamoDB Local deletes items whose TTL has really passed, so a clock in the past would lose them.
 */
import type { Clock } from '../../functions/ports/index.js';

export class TestClock implements Clock {
  constructor(private current = Date.now()) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
