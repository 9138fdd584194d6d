// Owns the in-memory accounts: users, their devices and the access/refresh tokens that point at them.
import { newAccessToken, newDeviceId, newRefreshToken } from './credentials.js';

export interface Threepid {
  medium: string;
  address: string;
  validated_at: number;
  added_at: number;
}

export interface ExternalId {
  auth_provider: string;
  external_id: string;
}

export interface Device {
  device_id: string;
  display_name: string | null;
  access_token: string;
  refresh_token: string | null;
  /** ms by the homeserver clock; null for tokens that never expire. */
  expires_at: number | null;
}

export interface UserRecord {
  name: string;
  localpart: string;
  password_hash: string | null;
  displayname: string | null;
  avatar_url: string | null;
  threepids: Threepid[];
  external_ids: ExternalId[];
  admin: boolean;
  deactivated: boolean;
  erased: boolean;
  user_type: string | null;
  /** seconds, as Synapse reports it. */
  creation_ts: number;
  devices: Map<string, Device>;
}

export type NewUser = Pick<UserRecord, 'name' | 'localpart' | 'password_hash' | 'displayname' | 'admin' | 'user_type'>;

export interface DeviceRequest {
  deviceId?: string;
  displayName?: string;
  /** When set, the access token expires after this many ms and a refresh token is issued. */
  lifetimeMs?: number;
}

export interface TokenOwner {
  userId: string;
  deviceId: string;
}

export class UserStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly accessTokens = new Map<string, TokenOwner>();
  private readonly refreshTokens = new Map<string, TokenOwner>();

  constructor(private readonly now: () => number) {}

  get(userId: string): UserRecord | undefined {
    return this.users.get(userId);
  }

  /** Synapse matches user IDs case-insensitively when it checks "taken" and on login. */
  find(userId: string): UserRecord | undefined {
    return this.users.get(userId) ?? this.users.get(userId.toLowerCase());
  }

  isTaken = (userId: string): boolean => this.find(userId) !== undefined;

  findByThreepid(medium: string, address: string): UserRecord | undefined {
    return this.list().find((user) => user.threepids.some((t) => t.medium === medium && t.address === address));
  }

  list(): UserRecord[] {
    return [...this.users.values()];
  }

  create(init: NewUser): UserRecord {
    const user: UserRecord = {
      ...init,
      avatar_url: null,
      threepids: [],
      external_ids: [],
      deactivated: false,
      erased: false,
      creation_ts: Math.floor(this.now() / 1000),
      devices: new Map(),
    };
    this.users.set(user.name, user);
    return user;
  }

  /** Creates the device (or reuses it, keeping its display name) and gives it a fresh token. */
  openDevice(user: UserRecord, request: DeviceRequest): Device {
    const deviceId = request.deviceId ?? newDeviceId();
    const existing = user.devices.get(deviceId);
    if (existing) this.forgetTokens(existing);
    const lifetime = request.lifetimeMs;
    const device: Device = {
      device_id: deviceId,
      display_name: existing ? existing.display_name : (request.displayName ?? null),
      access_token: newAccessToken(user.localpart),
      refresh_token: lifetime === undefined ? null : newRefreshToken(user.localpart),
      expires_at: lifetime === undefined ? null : this.now() + lifetime,
    };
    user.devices.set(deviceId, device);
    this.rememberTokens(user.name, device);
    return device;
  }

  /** Swaps a device's tokens for new ones (refresh-token rotation). */
  rotateTokens(user: UserRecord, device: Device, lifetimeMs: number): Device {
    return this.openDevice(user, { deviceId: device.device_id, lifetimeMs });
  }

  closeDevice(user: UserRecord, deviceId: string): boolean {
    const device = user.devices.get(deviceId);
    if (!device) return false;
    this.forgetTokens(device);
    user.devices.delete(deviceId);
    return true;
  }

  closeAllDevices(user: UserRecord): void {
    for (const deviceId of [...user.devices.keys()]) this.closeDevice(user, deviceId);
  }

  ownerOfAccessToken(token: string): TokenOwner | undefined {
    return this.accessTokens.get(token);
  }

  ownerOfRefreshToken(token: string): TokenOwner | undefined {
    return this.refreshTokens.get(token);
  }

  clear(): void {
    this.users.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private rememberTokens(userId: string, device: Device): void {
    const owner = { userId, deviceId: device.device_id };
    this.accessTokens.set(device.access_token, owner);
    if (device.refresh_token) this.refreshTokens.set(device.refresh_token, owner);
  }

  private forgetTokens(device: Device): void {
    this.accessTokens.delete(device.access_token);
    if (device.refresh_token) this.refreshTokens.delete(device.refresh_token);
  }
}
