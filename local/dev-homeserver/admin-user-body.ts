// Owns the v2 admin user shapes: validating a `PUT /_synapse/admin/v2/users` body and rendering a user.
import { ErrCode, badRequest } from './errors.js';
import { type JsonObject, isJsonObject } from './http-kit.js';
import type { ExternalId, UserRecord } from './user-store.js';

const MAX_PASSWORD_CHARS = 512;
const MAX_DISPLAYNAME_CHARS = 256;
const USER_TYPES = ['support', 'bot'];

export interface ThreepidInput {
  medium: string;
  address: string;
}

/** A validated v2 PUT body; an absent field means "leave as is" (or the default on create). */
export interface UserUpsert {
  password?: string;
  logoutDevices: boolean;
  displayname?: string;
  avatarUrl?: string;
  threepids?: ThreepidInput[];
  externalIds?: ExternalId[];
  admin?: boolean;
  deactivated?: boolean;
  userType?: string | null;
}

const invalidParam = (message: string) => badRequest(message, ErrCode.InvalidParam);

function optionalBoolean(body: JsonObject, field: string, message: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidParam(message);
  return value;
}

function passwordOf(body: JsonObject): string | undefined {
  const password = body.password;
  if (password === undefined || password === null) return undefined;
  if (typeof password !== 'string' || password.length > MAX_PASSWORD_CHARS) throw badRequest('Invalid password');
  return password;
}

function displaynameOf(body: JsonObject): string | undefined {
  const displayname = body.displayname;
  if (displayname === undefined || displayname === null) return undefined;
  if (typeof displayname !== 'string') throw invalidParam("'displayname' must be a string");
  if (displayname.length > MAX_DISPLAYNAME_CHARS) {
    throw badRequest(`Displayname is too long (max ${MAX_DISPLAYNAME_CHARS})`);
  }
  return displayname;
}

/** Emails are stored lowercased, as Synapse's `canonicalise_email` does. */
function canonicalAddress(medium: string, address: string): string {
  if (medium !== 'email') return address;
  if (!address.includes('@')) throw badRequest('Unable to parse email address');
  return address.toLowerCase();
}

/** A list field whose items must be objects with the given string keys (Synapse's `assert_params_in_dict`). */
function listOf<T>(body: JsonObject, field: string, keys: readonly string[], build: (item: JsonObject) => T): T[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParam(`'${field}' must be a list`);
  return value.map((item: unknown) => {
    const missingKeys = keys.filter((key) => !isJsonObject(item) || typeof item[key] !== 'string');
    if (missingKeys.length > 0) {
      throw badRequest(`Missing params: [${missingKeys.map((k) => `'${k}'`).join(', ')}]`, ErrCode.MissingParam);
    }
    return build(item as JsonObject);
  });
}

function threepidsOf(body: JsonObject): ThreepidInput[] | undefined {
  const list = listOf(body, 'threepids', ['medium', 'address'], (item) => {
    const medium = item.medium as string;
    return { medium, address: canonicalAddress(medium, item.address as string) };
  });
  return list?.filter((t, i) => list.findIndex((o) => o.medium === t.medium && o.address === t.address) === i);
}

function userTypeOf(body: JsonObject): string | null | undefined {
  const userType = body.user_type;
  if (userType === undefined || userType === null) return userType;
  if (typeof userType !== 'string' || !USER_TYPES.includes(userType)) throw badRequest('Invalid user type');
  return userType;
}

export function parseUserUpsert(body: JsonObject): UserUpsert {
  const externalIds = listOf(body, 'external_ids', ['auth_provider', 'external_id'], (item) => ({
    auth_provider: item.auth_provider as string,
    external_id: item.external_id as string,
  }));
  return {
    password: passwordOf(body),
    logoutDevices: optionalBoolean(body, 'logout_devices', "'logout_devices' must be a boolean") ?? true,
    displayname: displaynameOf(body),
    avatarUrl: typeof body.avatar_url === 'string' ? body.avatar_url : undefined,
    threepids: threepidsOf(body),
    externalIds,
    admin: optionalBoolean(body, 'admin', "Param 'admin' must be a boolean, if given"),
    deactivated: optionalBoolean(body, 'deactivated', "'deactivated' parameter is not of type boolean"),
    userType: userTypeOf(body),
  };
}

/** The user as Synapse 1.67's admin API shows it (flags as 0/1, creation_ts in seconds). */
export function renderUser(user: UserRecord): Record<string, unknown> {
  return {
    name: user.name,
    is_guest: 0,
    admin: user.admin ? 1 : 0,
    consent_version: null,
    consent_server_notice_sent: null,
    appservice_id: null,
    creation_ts: user.creation_ts,
    user_type: user.user_type,
    deactivated: user.deactivated ? 1 : 0,
    shadow_banned: 0,
    displayname: user.displayname,
    avatar_url: user.avatar_url,
    threepids: user.threepids.map((t) => ({ ...t })),
    external_ids: user.external_ids.map((e) => ({ ...e })),
  };
}
