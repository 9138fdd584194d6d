/** Where the live switches are kept (one item in the tenant table) and how the functions read them. */
import type { LiveSwitches, SwitchesState } from '../model/live-switches.js';

export interface SwitchStore {
  /** A consistent read; every switch off when they were never set. */
  read(): Promise<SwitchesState>;
  /** Sets the given switches (the others stay as they are) and returns the state after the write. */
  write(changes: Partial<LiveSwitches>, by: string, at: number): Promise<SwitchesState>;
}

/** The switches as the request path sees them: read through a short cache (see policy/live-switches.ts). */
export interface SwitchReader {
  current(): Promise<LiveSwitches>;
}
