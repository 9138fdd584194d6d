// Owns a logged-in user's change of password (`POST /account/password` with an access token), as Synapse 1.67
// answers it: UIA with one password stage, then the new password set and, unless `logout_devices` is false,
// every other device of the account signed out (the calling device stays).
import { requireUser } from './access.js';
import { setPassword } from './account-changes.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, badRequest } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import { passwordStage } from './password-stage.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';

export function clientPasswordRoutes(core: HomeserverCore): Route[] {
  return underClientPrefixes('/account/password', { method: 'POST', handle: (ctx) => changePassword(core, ctx) });
}

function changePassword(core: HomeserverCore, ctx: RequestContext): Reply {
  const { user, device } = requireUser(core, ctx);
  const body = ctx.json();
  const newPassword = body.new_password;
  if (newPassword !== undefined && typeof newPassword !== 'string') throw badRequest('new_password: str type expected', ErrCode.BadJson);
  // The password stage as Synapse checks it (password-stage.ts): the first 401 without an errcode, then the password.
  const challenge = passwordStage(core, user, body.auth);
  if (challenge) return challenge;
  if (typeof newPassword !== 'string') throw badRequest('Missing params: password', ErrCode.MissingParam);
  const logoutDevices = body.logout_devices ?? true;
  setPassword(core, user, newPassword, false);
  if (logoutDevices) for (const id of [...user.devices.keys()]) if (id !== device.device_id) core.users.closeDevice(user, id);
  return ok({});
}
