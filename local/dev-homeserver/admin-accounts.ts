// Owns the v1 admin account routes: username_available, deactivate, reset_password and server_version.
import { requireAdmin } from './access.js';
import { localUserId } from './admin-users.js';
import { deactivateAccount, setPassword } from './account-changes.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, USER_NOT_FOUND, badRequest, notFound } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import type { RequestContext, Route } from './router.js';
import { assertUsernameAvailable, parseUserId } from './user-ids.js';

export const USERNAME_AVAILABLE_PATH = '/_synapse/admin/v1/username_available';
export const DEACTIVATE_PATH = '/_synapse/admin/v1/deactivate';
export const RESET_PASSWORD_PATH = '/_synapse/admin/v1/reset_password';
export const SERVER_VERSION_PATH = '/_synapse/admin/v1/server_version';

// What the observed Synapse reports (see synapse-observed.md).
const SERVER_VERSION = { server_version: '1.67.0', python_version: '3.11.2' };

export function adminAccountRoutes(core: HomeserverCore): Route[] {
  return [
    { method: 'GET', path: USERNAME_AVAILABLE_PATH, handle: (ctx) => usernameAvailable(core, ctx) },
    { method: 'POST', path: DEACTIVATE_PATH, withParam: true, handle: (ctx) => deactivate(core, ctx) },
    { method: 'POST', path: RESET_PASSWORD_PATH, withParam: true, handle: (ctx) => resetPassword(core, ctx) },
    { method: 'GET', path: SERVER_VERSION_PATH, handle: () => ok(SERVER_VERSION) },
  ];
}

/** Taken also covers deactivated users: Synapse never recycles a name. */
function usernameAvailable(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  const username = ctx.url.searchParams.get('username');
  if (username === null) {
    throw badRequest("Missing string query parameter 'username'", ErrCode.MissingParam);
  }
  assertUsernameAvailable(username, core.settings.serverName, core.users.isTaken);
  return ok({ available: true });
}

function deactivate(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  const body = ctx.json(true);
  const erase = body.erase ?? false;
  if (typeof erase !== 'boolean') throw badRequest("Param 'erase' must be a boolean, if given", ErrCode.BadJson);
  const user = core.users.get(localUserId(core, ctx.param, 'Can only deactivate local users'));
  if (!user) throw notFound(USER_NOT_FOUND);
  deactivateAccount(core, user, erase);
  return ok({ id_server_unbind_result: 'success' });
}

/**
 * As Synapse 1.67: the user ID's grammar first, then `new_password`; a user that is not here (a remote one
 * too) is 404 "Unknown user"; `logout_devices` is read for its truth, and a deactivated account is set alike.
 */
function resetPassword(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  parseUserId(ctx.param);
  const body = ctx.json();
  const password = body.new_password;
  if (typeof password !== 'string') throw badRequest("Missing params: ['new_password']", ErrCode.MissingParam);
  const logoutDevices = Boolean(body.logout_devices ?? true);
  const user = core.users.get(ctx.param);
  if (!user) throw notFound('Unknown user');
  setPassword(core, user, password, logoutDevices);
  return ok({});
}
