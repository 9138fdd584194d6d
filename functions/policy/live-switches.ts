/**
 * The live switches on the request path and at the operator's hand: read through a short in-memory cache
 * (a switch takes effect on every function within the TTL, with no redeploy), changed with an audit entry.
 */
import type { LiveSwitches, SwitchesState } from '../model/live-switches.js';
import type { AuditLog } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { SwitchReader, SwitchStore } from '../ports/switches.js';

/** How long a function trusts the switches it read: the longest a change waits before it is obeyed everywhere. */
export const SWITCH_CACHE_MS = 10_000;

/**
 * The switches, read about once per TTL per process. A failing read keeps the last known state (or all
 * off before the first read) and is tried again on the next request: a store outage does not close sign-up.
 * A request in the last half of the state's life is answered from it and the store read beside it: a process
 * that keeps serving never makes a request wait for the read (one in every ten seconds' worth did, a round
 * trip added to it), and no state is ever used past its TTL.
 */
export class CachedSwitches implements SwitchReader {
  private known?: { state: LiveSwitches; until: number };
  private pending?: Promise<LiveSwitches>;

  constructor(
    private readonly store: Pick<SwitchStore, 'read'>,
    private readonly clock: Clock,
    private readonly ttlMs = SWITCH_CACHE_MS,
    private readonly onReadFailure: (error: Error) => void = () => undefined,
  ) {}

  current(): Promise<LiveSwitches> {
    const known = this.known;
    const now = this.clock.now();
    if (!known || now >= known.until) return this.read();
    if (now >= known.until - this.ttlMs / 2) void this.read();
    return Promise.resolve(known.state);
  }

  /** Drops the cached state, so the next read asks the store (after this process changed the switches). */
  forget(): void {
    this.known = undefined;
  }

  /** Concurrent requests of one process share one read; it never rejects. */
  private read(): Promise<LiveSwitches> {
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<LiveSwitches> {
    try {
      const { registrationClosed, smsPaused, emailPaused } = await this.store.read();
      const state = { registrationClosed, smsPaused, emailPaused };
      this.known = { state, until: this.clock.now() + this.ttlMs };
      return state;
    } catch (error) {
      this.onReadFailure(error as Error);
      return this.known?.state ?? { registrationClosed: false, smsPaused: false, emailPaused: false };
    }
  }
}

/** Switches that never change (a tenant, or a part, without the table item). */
export const switchesOff: SwitchReader = {
  current: async () => ({ registrationClosed: false, smsPaused: false, emailPaused: false }),
};

const FIELD_NAMES: Record<keyof LiveSwitches, string> = {
  registrationClosed: 'registration_closed',
  smsPaused: 'sms_paused',
  emailPaused: 'email_paused',
};

/** The switches as the operator API and the audit log name them. */
export function switchesAsJson(state: Partial<SwitchesState>): Record<string, boolean | number | string> {
  const json: Record<string, boolean | number | string> = {};
  for (const key of Object.keys(FIELD_NAMES) as (keyof LiveSwitches)[]) if (state[key] !== undefined) json[FIELD_NAMES[key]] = state[key];
  if (state.changedAt !== undefined) json.changed_at = state.changedAt;
  if (state.changedBy !== undefined) json.changed_by = state.changedBy;
  return json;
}

/** The operator API's names back to the switches; undefined for a name that is not a switch. */
export function switchKeyOf(name: string): keyof LiveSwitches | undefined {
  return (Object.keys(FIELD_NAMES) as (keyof LiveSwitches)[]).find((key) => FIELD_NAMES[key] === name);
}

export interface SwitchChangeDeps {
  store: SwitchStore;
  clock: Clock;
  /** Issue 16's operator audit log; the change is recorded before it is made (write-ahead), then settled. */
  audit?: AuditLog;
}

/** Sets switches for an operator: audited first (a failing audit write changes nothing), then written, then settled. */
export async function changeSwitches(deps: SwitchChangeDeps, operator: string, changes: Partial<LiveSwitches>): Promise<SwitchesState> {
  const now = deps.clock.now();
  const action = { operator, action: 'switches.changed', target: 'switches', changes: switchesAsJson(changes) };
  const entry = await deps.audit?.recordIntent(action, now);
  try {
    const state = await deps.store.write(changes, operator, now);
    if (entry) await deps.audit?.settle(entry, 'done').catch(() => undefined);
    return state;
  } catch (error) {
    if (entry) await deps.audit?.settle(entry, 'failed').catch(() => undefined);
    throw error;
  }
}
