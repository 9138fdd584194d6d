// Owns the device list and bulk device deletion on the client-server API (`/devices`, `/delete_devices`).
// Deletion asks for the account password through UIA, as Synapse does when no recent auth can be skipped.
import { requireUser } from './access.js';
import { verifyPassword } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, badRequest, forbidden } from './errors.js';
import { type JsonObject, type Reply, isJsonObject, ok } from './http-kit.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';
import type { UserRecord } from './user-store.js';

const PASSWORD_LOGIN = 'm.login.password';

export function clientDeviceRoutes(core: HomeserverCore): Route[] {
  return [
    ...underClientPrefixes('/devices', { method: 'GET', handle: (ctx) => listDevices(core, ctx) }),
    ...underClientPrefixes('/delete_devices', { method: 'POST', handle: (ctx) => deleteDevices(core, ctx) }),
  ];
}

function listDevices(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user } = requireUser(core, ctx);
  const devices = [...user.devices.values()].map((d) => ({
    device_id: d.device_id,
    display_name: d.display_name,
    last_seen_ip: null,
    last_seen_ts: null,
  }));
  return ok({ devices });
}

function deleteDevices(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user } = requireUser(core, ctx);
  const body = ctx.json();
  const ids = body.devices;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    throw badRequest('Missing parameter: devices', ErrCode.MissingParam);
  requirePassword(core, user, body.auth);
  // Unknown device IDs are skipped, as on Synapse.
  for (const id of ids as string[]) core.users.closeDevice(user, id);
  return ok({});
}

/** Without a password stage, Synapse answers 401 with the flows; a wrong password is 401 M_FORBIDDEN. */
function requirePassword(_core: HomeserverCore, user: UserRecord, auth: unknown): void {
  const session = 'devdelete';
  const flows = { session, flows: [{ stages: [PASSWORD_LOGIN] }], params: {} };
  if (!isJsonObject(auth) || auth.type !== PASSWORD_LOGIN) throw new SynapseErrorReply(401, ErrCode.Unknown, 'Password required', flows);
  const identifier = isJsonObject(auth.identifier) ? (auth.identifier as JsonObject) : {};
  const named = typeof identifier.user === 'string' ? identifier.user : '';
  const sameUser = named === user.name || named === user.localpart;
  const password = auth.password;
  if (!sameUser) throw forbidden('Requested user does not match the user making the request');
  if (typeof password !== 'string' || user.password_hash === null || !verifyPassword(password, user.password_hash)) {
    throw new SynapseErrorReply(401, ErrCode.Forbidden, 'Invalid username or password', { ...flows, completed: [] });
  }
}
