// Owns the v2 admin user API: `PUT` (create 201 / update 200) and `GET /_synapse/admin/v2/users/{userId}`.
import { requireAdmin } from './access.js';
import { type UserUpsert, parseUserUpsert, renderUser } from './admin-user-body.js';
import { deactivateAccount, reactivateAccount, replaceThreepids, setPassword } from './account-changes.js';
import { hashPassword } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { USER_NOT_FOUND, badRequest, notFound } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import type { RequestContext, Route } from './router.js';
import { assertUsernameAvailable, parseUserId } from './user-ids.js';
import type { UserRecord } from './user-store.js';

export const ADMIN_USERS_PATH = '/_synapse/admin/v2/users';

export function adminUserRoutes(core: HomeserverCore): Route[] {
  const common = { path: ADMIN_USERS_PATH, withParam: true } as const;
  return [
    { ...common, method: 'PUT', handle: (ctx) => putUser(core, ctx) },
    { ...common, method: 'GET', handle: (ctx) => getUser(core, ctx) },
  ];
}

/** The local user ID in the path; a remote one is refused with `message`. */
export function localUserId(core: HomeserverCore, userId: string, message: string): string {
  if (parseUserId(userId).server !== core.settings.serverName) throw badRequest(message);
  return userId;
}

function getUser(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  const user = core.users.get(localUserId(core, ctx.param, 'Can only look up local users'));
  if (!user) throw notFound(USER_NOT_FOUND);
  return ok(renderUser(user));
}

function putUser(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  const userId = localUserId(core, ctx.param, 'This endpoint can only be used with local users');
  const upsert = parseUserUpsert(ctx.json());
  const existing = core.users.get(userId);
  if (existing) {
    updateUser(core, existing, upsert);
    return ok(renderUser(existing), 200);
  }
  return ok(renderUser(createUser(core, userId, upsert)), 201);
}

function createUser(core: HomeserverCore, userId: string, upsert: UserUpsert): UserRecord {
  const { localpart } = parseUserId(userId);
  assertUsernameAvailable(localpart, core.settings.serverName, core.users.isTaken);
  const user = core.users.create({
    name: userId,
    localpart,
    password_hash: upsert.password === undefined ? null : hashPassword(upsert.password),
    displayname: upsert.displayname ?? localpart,
    admin: upsert.admin ?? false,
    user_type: upsert.userType ?? null,
  });
  if (upsert.threepids) replaceThreepids(core, user, upsert.threepids);
  if (upsert.externalIds) user.external_ids = upsert.externalIds;
  if (upsert.avatarUrl !== undefined) user.avatar_url = upsert.avatarUrl;
  if (upsert.deactivated) deactivateAccount(core, user, false);
  return user;
}

// Same order as Synapse: profile, 3PIDs, flags, password, then (de)activation.
function updateUser(core: HomeserverCore, user: UserRecord, upsert: UserUpsert): void {
  const reactivate = upsert.deactivated === false && user.deactivated;
  // Synapse checks this after applying the other fields; refusing first keeps a failed call harmless.
  if (reactivate && upsert.password === undefined) {
    throw badRequest('Must provide a password to re-activate an account.');
  }
  if (upsert.displayname !== undefined) user.displayname = upsert.displayname;
  if (upsert.threepids) replaceThreepids(core, user, upsert.threepids);
  if (upsert.externalIds) user.external_ids = upsert.externalIds;
  if (upsert.avatarUrl !== undefined) user.avatar_url = upsert.avatarUrl;
  if (upsert.admin !== undefined) user.admin = upsert.admin;
  if (upsert.userType !== undefined) user.user_type = upsert.userType;
  if (upsert.password !== undefined) setPassword(core, user, upsert.password, upsert.logoutDevices);
  if (upsert.deactivated === true && !user.deactivated) deactivateAccount(core, user, false);
  if (reactivate) reactivateAccount(user);
}
