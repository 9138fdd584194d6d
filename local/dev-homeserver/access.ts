// Owns who a request acts as: an access token resolved to a user's device, and the server-admin check.
import { safeEqual } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, forbidden } from './errors.js';
import { readAccessToken } from './http-kit.js';
import type { RequestContext } from './router.js';
import type { Device, UserRecord } from './user-store.js';

export interface Caller {
  user: UserRecord;
  device: Device;
}

const unknownToken = (softLogout: boolean) =>
  new SynapseErrorReply(401, ErrCode.UnknownToken, 'Invalid access token passed.', { soft_logout: softLogout });

function callerOf(core: HomeserverCore, token: string): Caller {
  const owner = core.users.ownerOfAccessToken(token);
  const user = owner && core.users.get(owner.userId);
  const device = owner && user?.devices.get(owner.deviceId);
  if (!user || !device) throw unknownToken(false);
  // An expired refreshable token is a "soft logout": the client may refresh and carry on.
  if (device.expires_at !== null && core.now() >= device.expires_at) throw unknownToken(true);
  return { user, device };
}

/** The user and device behind the request's access token (401 when missing or unknown). */
export function requireUser(core: HomeserverCore, ctx: RequestContext): Caller {
  return callerOf(core, readAccessToken(ctx.req, ctx.url));
}

/** Passes for the configured admin token or the token of a user with the admin flag. */
export function requireAdmin(core: HomeserverCore, ctx: RequestContext): void {
  const token = readAccessToken(ctx.req, ctx.url);
  const adminToken = core.settings.adminToken;
  if (adminToken !== undefined && safeEqual(token, adminToken)) return;
  const { user } = callerOf(core, token);
  if (!user.admin) throw forbidden('You are not a server admin');
}
