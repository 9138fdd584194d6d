// Owns the state every route shares: the server's settings, its clock, the user store and the nonces.
import { UserStore } from './user-store.js';

export interface HomeserverSettings {
  serverName: string;
  sharedSecret?: string;
  adminToken?: string;
}

export interface HomeserverCore {
  readonly settings: HomeserverSettings;
  readonly now: () => number;
  readonly users: UserStore;
  /** Shared-secret registration nonces and when (ms) each was issued. */
  readonly nonces: Map<string, number>;
  /** The public base URL, known once the server listens (e.g. `http://127.0.0.1:8008`). */
  baseUrl: string;
}

export function createCore(settings: HomeserverSettings, now: () => number): HomeserverCore {
  return { settings, now, users: new UserStore(now), nonces: new Map(), baseUrl: '' };
}

export function forgetEverything(core: HomeserverCore): void {
  core.users.clear();
  core.nonces.clear();
}
