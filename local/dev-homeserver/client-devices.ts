// Owns the device list and bulk device deletion on the client-server API (`/devices`, `/delete_devices`).
// Deletion asks for the account password through UIA (password-stage.ts), as Synapse does when no recent
// auth can be skipped.
import { requireUser } from './access.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, badRequest } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import { passwordStage } from './password-stage.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';

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
  const challenge = passwordStage(core, user, body.auth);
  if (challenge) return challenge;
  // Unknown device IDs are skipped, as on Synapse.
  for (const id of ids as string[]) core.users.closeDevice(user, id);
  return ok({});
}
