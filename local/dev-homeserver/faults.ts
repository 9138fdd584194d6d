// Owns the test levers: per-route call counters and the queue of injected faults.

export type FaultKind = 'down' | 'status500' | 'slow' | 'commit-then-500' | 'commit-then-reset';

export interface Fault {
  /** A route key such as `PUT /_synapse/admin/v2/users`. */
  route: string;
  /**
   * `down`: drop the connection without answering, doing nothing; `status500`: answer 500 without
   * doing the work; `slow`: wait `delayMs` then answer normally; `commit-then-500` /
   * `commit-then-reset`: do the work, then answer 500 / drop the connection.
   */
  kind: FaultKind;
  delayMs?: number;
  /** How many matching calls the fault affects (default 1; `Infinity` for all). */
  times?: number;
}

const DEFAULT_SLOW_MS = 1000;

interface ArmedFault {
  kind: FaultKind;
  delayMs: number;
  remaining: number;
}

export class FaultBoard {
  /** Calls per route key; every known key is present (0 when never called). */
  readonly counters: Record<string, number> = {};
  private readonly armed = new Map<string, ArmedFault[]>();

  constructor(private readonly routeKeys: readonly string[]) {
    this.reset();
  }

  inject(fault: Fault): void {
    if (!this.routeKeys.includes(fault.route)) {
      throw new Error(`Unknown route key "${fault.route}"; known: ${this.routeKeys.join(', ')}`);
    }
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`Fault times must be positive, got ${times}`);
    const queue = this.armed.get(fault.route) ?? [];
    queue.push({ kind: fault.kind, delayMs: fault.delayMs ?? DEFAULT_SLOW_MS, remaining: times });
    this.armed.set(fault.route, queue);
  }

  /** Counts a call on `routeKey` and returns the fault it should suffer, if any (oldest first). */
  recordCall(routeKey: string): ArmedFault | undefined {
    this.counters[routeKey] = (this.counters[routeKey] ?? 0) + 1;
    const queue = this.armed.get(routeKey);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.shift();
    return fault;
  }

  reset(): void {
    this.armed.clear();
    for (const key of Object.keys(this.counters)) delete this.counters[key];
    for (const key of this.routeKeys) this.counters[key] = 0;
  }
}
