// Owns password login (`/login`) and refresh-token rotation (`/refresh`) on the client-server API.
import { verifyPassword } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, badRequest, forbidden } from './errors.js';
import { type JsonObject, type Reply, isJsonObject, ok } from './http-kit.js';
import { type RequestContext, type Route, underClientPrefixes } from './router.js';
import type { Device, UserRecord } from './user-store.js';
import { userIdOf } from './user-ids.js';

const PASSWORD_LOGIN = 'm.login.password';
// Synapse's default `refreshable_access_token_lifetime` (5 minutes).
const REFRESHABLE_TOKEN_LIFETIME_MS = 300_000;
const INVALID_LOGIN = 'Invalid username or password';

export function clientLoginRoutes(core: HomeserverCore): Route[] {
  return [
    ...underClientPrefixes('/login', { method: 'GET', handle: () => ok({ flows: [{ type: PASSWORD_LOGIN }] }) }),
    ...underClientPrefixes('/login', { method: 'POST', handle: (ctx) => login(core, ctx) }),
    ...underClientPrefixes('/refresh', { method: 'POST', handle: (ctx) => refresh(core, ctx) }),
  ];
}

/** The user a login names: `identifier` (m.id.user / m.id.thirdparty) or the legacy top-level `user`. */
function namedUser(core: HomeserverCore, body: JsonObject): UserRecord | undefined {
  const identifier = isJsonObject(body.identifier) ? body.identifier : { type: 'm.id.user', user: body.user };
  if (identifier.type === 'm.id.thirdparty') {
    const { medium, address } = identifier;
    if (typeof medium !== 'string' || typeof address !== 'string') throw badRequest('Invalid thirdparty identifier');
    return core.users.findByThreepid(medium, medium === 'email' ? address.toLowerCase() : address);
  }
  if (identifier.type !== 'm.id.user') throw badRequest('Unknown login identifier type');
  const user = identifier.user;
  if (typeof user !== 'string') throw badRequest("User identifier is missing 'user' key");
  return core.users.find(user.startsWith('@') ? user : userIdOf(user, core.settings.serverName));
}

function authenticate(core: HomeserverCore, body: JsonObject): UserRecord {
  if (body.type !== PASSWORD_LOGIN) throw badRequest('Unknown login type');
  const password = body.password;
  if (typeof password !== 'string') throw badRequest('Bad parameter: password', ErrCode.InvalidParam);
  const user = namedUser(core, body);
  if (!user) throw forbidden(INVALID_LOGIN);
  // Deactivation removes the password hash, so Synapse reports it whatever password is given.
  if (user.password_hash === null && user.deactivated) {
    throw forbidden('This account has been deactivated', ErrCode.UserDeactivated);
  }
  if (user.password_hash === null || !verifyPassword(password, user.password_hash)) throw forbidden(INVALID_LOGIN);
  return user;
}

function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`Bad parameter: ${field}`, ErrCode.InvalidParam);
  return value;
}

function tokenFields(device: Device): Record<string, unknown> {
  if (device.refresh_token === null) return {};
  return { refresh_token: device.refresh_token, expires_in_ms: REFRESHABLE_TOKEN_LIFETIME_MS };
}

function login(core: HomeserverCore, ctx: RequestContext): Reply {
  const body = ctx.json();
  const user = authenticate(core, body);
  const device = core.users.openDevice(user, {
    deviceId: optionalString(body, 'device_id'),
    displayName: optionalString(body, 'initial_device_display_name'),
    lifetimeMs: body.refresh_token === true ? REFRESHABLE_TOKEN_LIFETIME_MS : undefined,
  });
  return ok({
    user_id: user.name,
    access_token: device.access_token,
    home_server: core.settings.serverName,
    device_id: device.device_id,
    well_known: { 'm.homeserver': { base_url: `${core.baseUrl}/` } },
    ...tokenFields(device),
  });
}

function refresh(core: HomeserverCore, ctx: RequestContext): Reply {
  const token = ctx.json().refresh_token;
  if (typeof token !== 'string') throw badRequest('Missing parameter: refresh_token', ErrCode.MissingParam);
  const owner = core.users.ownerOfRefreshToken(token);
  const user = owner && core.users.get(owner.userId);
  const device = owner && user?.devices.get(owner.deviceId);
  if (!user || !device) throw new SynapseErrorReply(401, ErrCode.UnknownToken, 'refresh token does not exist');
  const rotated = core.users.rotateTokens(user, device, REFRESHABLE_TOKEN_LIFETIME_MS);
  return ok({ access_token: rotated.access_token, ...tokenFields(rotated) });
}
