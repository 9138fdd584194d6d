// Owns Synapse's shared-secret registration: single-use 60 s nonces and the HMAC-checked account creation.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hashPassword, newNonce } from './credentials.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, badRequest } from './errors.js';
import { type JsonObject, type Reply, ok } from './http-kit.js';
import type { RequestContext, Route } from './router.js';
import { assertUsernameAvailable, userIdOf } from './user-ids.js';

export const SHARED_SECRET_REGISTER_PATH = '/_synapse/admin/v1/register';

const NONCE_LIFETIME_MS = 60_000;
const MAX_FIELD_CHARS = 512;
const USER_TYPES = ['support', 'bot'];

export function sharedSecretRoutes(core: HomeserverCore): Route[] {
  return [
    { method: 'GET', path: SHARED_SECRET_REGISTER_PATH, handle: () => issueNonce(core) },
    { method: 'POST', path: SHARED_SECRET_REGISTER_PATH, handle: (ctx) => register(core, ctx) },
  ];
}

export interface MacFields {
  nonce: string;
  username: string;
  password: string;
  admin: boolean;
  userType?: string;
}

/** The MAC a caller must send: hex HMAC-SHA1 over the NUL-joined fields (plus `user_type` if any). */
export function sharedSecretMac(secret: string, fields: MacFields): string {
  const parts = [fields.nonce, fields.username, fields.password, fields.admin ? 'admin' : 'notadmin'];
  if (fields.userType) parts.push(fields.userType);
  return createHmac('sha1', secret).update(parts.join('\0'), 'utf8').digest('hex');
}

function forgetOldNonces(core: HomeserverCore): void {
  const now = core.now();
  for (const [nonce, issuedAt] of core.nonces) {
    if (now - issuedAt > NONCE_LIFETIME_MS) core.nonces.delete(nonce);
  }
}

function issueNonce(core: HomeserverCore): Reply {
  forgetOldNonces(core);
  const nonce = newNonce();
  core.nonces.set(nonce, core.now());
  return ok({ nonce });
}

const missing = (field: string) => badRequest(`${field} must be specified`, ErrCode.BadJson);

/** Synapse consumes the nonce before it looks at anything else, so a failed call burns it. */
function consumeNonce(core: HomeserverCore, body: JsonObject): string {
  if (!('nonce' in body)) throw missing('nonce');
  const nonce = body.nonce;
  if (typeof nonce !== 'string' || !core.nonces.has(nonce)) throw badRequest('unrecognised nonce');
  core.nonces.delete(nonce);
  return nonce;
}

function plainField(body: JsonObject, field: 'username' | 'password'): string {
  if (!(field in body)) throw missing(field);
  const value = body[field];
  if (typeof value !== 'string' || value.length > MAX_FIELD_CHARS || value.includes('\0')) {
    throw badRequest(`Invalid ${field}`);
  }
  return value;
}

function userTypeOf(body: JsonObject): string | undefined {
  const userType = body.user_type;
  if (userType === undefined || userType === null) return undefined;
  if (typeof userType !== 'string' || !USER_TYPES.includes(userType)) throw badRequest('Invalid user type');
  return userType;
}

function assertMac(expected: string, got: unknown): void {
  const want = Buffer.from(expected, 'utf8');
  const have = Buffer.from(typeof got === 'string' ? got : '', 'utf8');
  // The length of a hex SHA-1 is public, so only the content needs a constant-time compare.
  if (have.length !== want.length || !timingSafeEqual(have, want)) {
    throw new SynapseErrorReply(403, ErrCode.Unknown, 'HMAC incorrect');
  }
}

function register(core: HomeserverCore, ctx: RequestContext): Reply {
  const secret = core.settings.sharedSecret;
  forgetOldNonces(core);
  if (!secret) throw badRequest('Shared secret registration is not enabled');
  const body = ctx.json();
  const nonce = consumeNonce(core, body);
  const username = plainField(body, 'username');
  const password = plainField(body, 'password');
  const passwordHash = hashPassword(password); // like Synapse: hashed before the MAC and name checks
  const admin = Boolean(body.admin);
  const userType = userTypeOf(body);
  if (!('mac' in body)) throw missing('mac');
  assertMac(sharedSecretMac(secret, { nonce, username, password, admin, userType }), body.mac);
  return ok(
    createAccount(core, {
      username,
      passwordHash,
      admin,
      userType,
      displayname: body.displayname,
      inhibitLogin: body.inhibit_login === true,
      deviceName: typeof body.initial_device_display_name === 'string' ? body.initial_device_display_name : undefined,
    }),
  );
}

interface AccountRequest {
  username: string;
  passwordHash: string;
  admin: boolean;
  userType: string | undefined;
  displayname: unknown;
  /** Synapse reads it from the same body as a client registration: no device, no token. */
  inhibitLogin: boolean;
  /** Also read from that body (Synapse 1.67's _create_registration_details): the new device's name. */
  deviceName?: string;
}

function createAccount(core: HomeserverCore, request: AccountRequest): Record<string, string> {
  const { serverName } = core.settings;
  const localpart = request.username.toLowerCase(); // Synapse lowercases shared-secret usernames
  assertUsernameAvailable(localpart, serverName, core.users.isTaken);
  const user = core.users.create({
    name: userIdOf(localpart, serverName),
    localpart,
    password_hash: request.passwordHash,
    displayname: typeof request.displayname === 'string' ? request.displayname : localpart,
    admin: request.admin,
    user_type: request.userType ?? null,
  });
  if (request.inhibitLogin) return { user_id: user.name, home_server: serverName };
  const { access_token, device_id } = core.users.openDevice(user, { displayName: request.deviceName });
  return { user_id: user.name, home_server: serverName, access_token, device_id };
}
