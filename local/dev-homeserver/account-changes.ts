// Owns the changes to an existing account that several routes share: password, 3PIDs, (de)activation.
import { hashPassword } from './credentials.js';
import type { HomeserverCore } from './core.js';
import type { ThreepidInput } from './admin-user-body.js';
import type { UserRecord } from './user-store.js';

/** Sets a new password; by default every device is logged out, as Synapse does for admin resets. */
export function setPassword(core: HomeserverCore, user: UserRecord, password: string, logoutDevices: boolean): void {
  user.password_hash = hashPassword(password);
  if (logoutDevices) core.users.closeAllDevices(user);
}

/** Replaces the 3PID list; entries kept from before keep their timestamps. */
export function replaceThreepids(core: HomeserverCore, user: UserRecord, wanted: readonly ThreepidInput[]): void {
  const now = core.now();
  user.threepids = wanted.map((t) => {
    const kept = user.threepids.find((old) => old.medium === t.medium && old.address === t.address);
    return kept ?? { medium: t.medium, address: t.address, validated_at: now, added_at: now };
  });
}

/** Synapse's deactivation: no password, no 3PIDs, no devices; erasing also drops the profile. */
export function deactivateAccount(core: HomeserverCore, user: UserRecord, erase: boolean): void {
  user.deactivated = true;
  user.password_hash = null;
  user.threepids = [];
  core.users.closeAllDevices(user);
  if (erase) {
    user.erased = true;
    user.displayname = null;
    user.avatar_url = null;
  }
}

export function reactivateAccount(user: UserRecord): void {
  user.deactivated = false;
  user.erased = false;
}
