/** Bodies of the operator API, checked field by field with Synapse's messages (400 M_INVALID_PARAM). */
import { LoginType } from '../../matrix/login-types.js';
import { invalidParam } from '../../matrix/errors.js';
import type { TokenPrivileges } from '../../model/token-record.js';
import { TOKEN_GRAMMAR } from '../../policy/registration-tokens.js';

const STAGES = new Set<string>(Object.values(LoginType));

function usesAllowed(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalidParam('uses_allowed must be a non-negative integer or null');
  return value;
}

function expiryTime(value: unknown, now: number): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidParam('expiry_time must be an integer or null');
  if (value < now) throw invalidParam('expiry_time must not be in the past');
  return value;
}

function privileges(value: unknown): TokenPrivileges {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam('privileges must be an object');
  const { skip_stages: skip, label, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalidParam(`privileges: unknown field ${Object.keys(rest)[0]}`);
  if (
    skip !== undefined &&
    (!Array.isArray(skip) || skip.some((s) => typeof s !== 'string' || !STAGES.has(s) || s === LoginType.RegistrationToken))
  ) {
    throw invalidParam('privileges.skip_stages must list UIA stage types other than m.login.registration_token');
  }
  if (label !== undefined && (typeof label !== 'string' || label.length > 200))
    throw invalidParam('privileges.label must be a string of at most 200 characters');
  return { ...(skip ? { skipStages: [...new Set(skip as LoginType[])] } : {}), ...(label !== undefined ? { label: label as string } : {}) };
}

export interface NewTokenRequest {
  token?: string;
  length: number;
  usesAllowed: number | null;
  expiryTime: number | null;
  privileges: TokenPrivileges;
}

export function parseNewToken(body: Record<string, unknown>, now: number): NewTokenRequest {
  const token = body.token;
  if (token !== undefined && (typeof token !== 'string' || !TOKEN_GRAMMAR.test(token))) {
    throw invalidParam('token must consist only of characters matched by the regex [A-Za-z0-9._~-] and be at most 64 characters long');
  }
  const length = body.length ?? 16;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 1 || length > 64)
    throw invalidParam('length must be an integer > 0 and <= 64');
  return {
    token: token as string | undefined,
    length,
    usesAllowed: body.uses_allowed === undefined ? null : usesAllowed(body.uses_allowed),
    expiryTime: body.expiry_time === undefined ? null : expiryTime(body.expiry_time, now),
    privileges: body.privileges === undefined ? {} : privileges(body.privileges),
  };
}

export function parseTokenUpdate(body: Record<string, unknown>, now: number) {
  return {
    usesAllowed: body.uses_allowed === undefined ? undefined : usesAllowed(body.uses_allowed),
    expiryTime: body.expiry_time === undefined ? undefined : expiryTime(body.expiry_time, now),
    privileges: body.privileges === undefined ? undefined : privileges(body.privileges),
  };
}
