// Owns the dev homeserver's public face: start it on a port, inspect its users, count calls, inject faults.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminAccountRoutes } from './admin-accounts.js';
import { adminRoomRoutes, createDevRoom, roomStore } from './admin-rooms.js';
import { adminThreepidRoutes, THREEPID_LOOKUP_PATHS } from './admin-threepids.js';
import { adminUserRoutes } from './admin-users.js';
import { clientAccountRoutes } from './client-account.js';
import { clientDeviceRoutes } from './client-devices.js';
import { clientLoginRoutes } from './client-login.js';
import { clientPasswordRoutes } from './client-password.js';
import { clientThreepidRoutes } from './client-threepids.js';
import { createCore, forgetEverything } from './core.js';
import { createListener } from './dispatcher.js';
import { type Fault, FaultBoard } from './faults.js';
import { type Route, routeKey } from './router.js';
import { sharedSecretRoutes } from './shared-secret-register.js';
import type { Device, UserRecord } from './user-store.js';

export type { Fault, FaultKind } from './faults.js';
export { sharedSecretMac } from './shared-secret-register.js';

export interface DevHomeserverOptions {
  serverName: string;
  /** Enables shared-secret registration (`/_synapse/admin/v1/register`). */
  sharedSecret?: string;
  /** A token accepted on the admin API (tokens of users with the admin flag are accepted too). */
  adminToken?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The clock (ms) for nonce expiry, creation_ts and 3PID timestamps. Default `Date.now`. */
  now?: () => number;
  /**
   * Behave like a stock Synapse 1.67 (observed): no admin 3PID lookup (added in 1.72), and an unknown
   * path or method answers 400 M_UNRECOGNIZED. By default the lookup is there and unknown paths get 404.
   */
  stock167?: boolean;
}

/** A stored user as tests see it (a copy; booleans rather than Synapse's 0/1), without its secrets. */
export type DevUser = Omit<UserRecord, 'localpart' | 'password_hash' | 'devices'> & {
  has_password: boolean;
  devices: Pick<Device, 'device_id' | 'display_name'>[];
};

export interface DevHomeserver {
  /** e.g. `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly serverName: string;
  /** Calls per route key (see `routeKeys`), live; every key is present. */
  readonly counters: Readonly<Record<string, number>>;
  /** Every route key this server answers, e.g. `PUT /_synapse/admin/v2/users`. */
  readonly routeKeys: readonly string[];
  getUser(userId: string): DevUser | undefined;
  listUsers(): DevUser[];
  injectFault(fault: Fault): void;
  /** Makes a room the admin join API can join users to; returns its id (`alias` as `lobby` or `#lobby:server`). */
  createRoom(opts?: { alias?: string; joinRule?: 'public' | 'invite'; adminIsMember?: boolean }): string;
  /** The users joined to a room (by id). */
  roomMembers(roomId: string): string[];
  /** Forgets users, nonces, counters and faults. */
  reset(): void;
  close(): Promise<void>;
}

function toDevUser(user: UserRecord): DevUser {
  return {
    name: user.name,
    displayname: user.displayname,
    avatar_url: user.avatar_url,
    threepids: user.threepids.map((t) => ({ ...t })),
    external_ids: user.external_ids.map((e) => ({ ...e })),
    admin: user.admin,
    deactivated: user.deactivated,
    erased: user.erased,
    user_type: user.user_type,
    creation_ts: user.creation_ts,
    has_password: user.password_hash !== null,
    devices: [...user.devices.values()].map((d) => ({ device_id: d.device_id, display_name: d.display_name })),
  };
}

function allRoutes(core: ReturnType<typeof createCore>): Route[] {
  return [
    ...sharedSecretRoutes(core),
    ...adminUserRoutes(core),
    ...adminAccountRoutes(core),
    ...adminRoomRoutes(core),
    ...adminThreepidRoutes(core),
    ...clientLoginRoutes(core),
    ...clientAccountRoutes(core),
    ...clientDeviceRoutes(core),
    ...clientPasswordRoutes(core),
    ...clientThreepidRoutes(core),
  ];
}

const isThreepidLookup = (route: Route) => (Object.values(THREEPID_LOOKUP_PATHS) as string[]).includes(route.path);

function urlOf(address: AddressInfo): string {
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export async function startDevHomeserver(opts: DevHomeserverOptions): Promise<DevHomeserver> {
  const { serverName, sharedSecret, adminToken } = opts;
  const core = createCore({ serverName, sharedSecret, adminToken }, opts.now ?? Date.now);
  const routes = allRoutes(core).filter((route) => !(opts.stock167 && isThreepidLookup(route)));
  const routeKeys = [...new Set(routes.map(routeKey))];
  const faults = new FaultBoard(routeKeys);
  const server = createServer(createListener(routes, faults, opts.stock167 ? { unrecognizedStatus: 400 } : {}));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  core.baseUrl = urlOf(server.address() as AddressInfo);
  return {
    url: core.baseUrl,
    serverName,
    counters: faults.counters,
    routeKeys,
    getUser: (userId) => {
      const user = core.users.get(userId);
      return user && toDevUser(user);
    },
    listUsers: () => core.users.list().map(toDevUser),
    injectFault: (fault) => faults.inject(fault),
    createRoom: (opts = {}) => createDevRoom(core, opts),
    roomMembers: (roomId) => [...(roomStore(core).get(roomId)?.members ?? [])],
    reset: () => {
      roomStore(core).clear();
      forgetEverything(core);
      faults.reset();
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
