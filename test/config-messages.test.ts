/**
 * The texts an operator or a client reads when zod refuses something. The schemas use zod/mini, which
 * registers no locale: each parse whose messages are shown is handed zod's English texts itself
 * (functions/model/zod-english.ts). These are the texts classic zod gave before the change (issue 18).
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../functions/config/tenant-config.js';
import { secretsFromEnv } from '../functions/compose/tenant-secrets.js';
import { parseRegisterBody } from '../functions/matrix/register-body.js';
import { parseWith } from '../functions/matrix/parse-body.js';
import { emailRequestTokenSchema } from '../functions/matrix/threepid-bodies.js';
import type { MatrixError } from '../functions/matrix/errors.js';
import { ConfigError } from '../functions/model/config-error.js';

const base = {
  serverName: 'example.org',
  homeserver: { url: 'http://127.0.0.1:8008', mode: 'shared_secret' },
  registration: { flows: [['m.login.dummy']] },
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function matrixErrorOf(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (error) {
    return [(error as MatrixError).errcode, (error as MatrixError).message];
  }
  throw new Error('expected a MatrixError');
}

describe("zod's English texts where someone reads them", () => {
  it('come from the parse itself: no global locale is set in a process that loads only the functions', () => {
    // Classic zod would register English globally on first use and hide a parse that forgot its texts.
    expect(z.config().localeError).toBeUndefined();
  });

  it('name every config problem with its path and the English text', () => {
    const raw = {
      ...base,
      homeserver: { ...base.homeserver, timeoutMs: 5 },
      registration: { flows: [['m.login.nope']] },
      port: 'x',
      extra: 1,
    };
    expect(problemsOf(() => parseTenantConfig(raw))).toEqual([
      'homeserver.timeoutMs: Too small: expected number to be >=100',
      'registration.flows.0.0: Invalid option: expected one of "m.login.dummy"|"m.login.terms"|"m.login.recaptcha"|"m.login.registration_token"|"m.login.email.identity"|"m.login.msisdn"',
      'port: Invalid input: expected number, received string',
      '(root): Unrecognized key: "extra"',
    ]);
  });

  it('name a secrets problem by its variable with the English text', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const env = {
      FRONT_DOOR_ENCRYPTION_KEY: key,
      FRONT_DOOR_PREVIOUS_ENCRYPTION_KEYS: Array(6).fill(key).join(','),
      REGISTRATION_SHARED_SECRET: 's',
    };
    expect(problemsOf(() => secretsFromEnv(parseTenantConfig(base), env))).toEqual([
      'FRONT_DOOR_PREVIOUS_ENCRYPTION_KEYS: Too big: expected array to have <=5 items',
    ]);
  });

  it('tell a client which field is wrong, and how, in the Matrix error', () => {
    expect(matrixErrorOf(() => parseRegisterBody({ username: 5 }))).toEqual([
      'M_BAD_JSON',
      'username: Invalid input: expected string, received number',
    ]);
    expect(matrixErrorOf(() => parseRegisterBody({ device_id: '' }))).toEqual([
      'M_INVALID_PARAM',
      'device_id: Too small: expected string to have >=1 characters',
    ]);
    const body = { client_secret: 'abc', email: 'a@b.c', send_attempt: -1 };
    expect(matrixErrorOf(() => parseWith(emailRequestTokenSchema, body))).toEqual([
      'M_INVALID_PARAM',
      'send_attempt: Too small: expected number to be >=0',
    ]);
  });
});
