// Owns the rest of the client-server API the dev homeserver serves: versions, logout, devices,
// whoami, and the closed native registration.
import { requireUser } from './access.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, badRequest, forbidden, notFound } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';

export const VERSIONS_PATH = '/_matrix/client/versions';

const SPEC_VERSIONS = ['r0.6.1', ...Array.from({ length: 11 }, (_, i) => `v1.${i + 1}`)];
const MAX_DEVICE_NAME_CHARS = 100;
const REGISTRATION_DISABLED = 'Registration has been disabled';

export function clientAccountRoutes(core: HomeserverCore): Route[] {
  return [
    { method: 'GET', path: VERSIONS_PATH, handle: () => ok({ versions: SPEC_VERSIONS, unstable_features: {} }) },
    ...underClientPrefixes('/logout', { method: 'POST', handle: (ctx) => logout(core, ctx) }),
    ...underClientPrefixes('/logout/all', { method: 'POST', handle: (ctx) => logoutAll(core, ctx) }),
    ...underClientPrefixes('/devices', { method: 'PUT', withParam: true, handle: (ctx) => renameDevice(core, ctx) }),
    ...underClientPrefixes('/account/whoami', { method: 'GET', handle: (ctx) => whoami(core, ctx) }),
    ...underClientPrefixes('/register', { method: 'POST', handle: registrationClosed }),
    ...underClientPrefixes('/register/available', { method: 'GET', handle: registrationClosed }),
  ];
}

/** Registration is closed on this homeserver (Synapse still parses a POST body first). */
function registrationClosed(ctx: RequestContext): never {
  if (ctx.req.method === 'POST') ctx.json();
  throw forbidden(REGISTRATION_DISABLED);
}

function logout(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user, device } = requireUser(core, ctx);
  core.users.closeDevice(user, device.device_id);
  return ok({});
}

function logoutAll(core: HomeserverCore, ctx: RequestContext): Reply {
  core.users.closeAllDevices(requireUser(core, ctx).user);
  return ok({});
}

function renameDevice(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user } = requireUser(core, ctx);
  const displayName = ctx.json().display_name;
  if (typeof displayName === 'string' && displayName.length > MAX_DEVICE_NAME_CHARS) {
    throw badRequest(`Device display name is too long (max ${MAX_DEVICE_NAME_CHARS})`, ErrCode.TooLarge);
  }
  const device = user.devices.get(ctx.param);
  if (!device) throw notFound();
  if (typeof displayName === 'string') device.display_name = displayName;
  return ok({});
}

function whoami(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user, device } = requireUser(core, ctx);
  return ok({ user_id: user.name, device_id: device.device_id, is_guest: false });
}
