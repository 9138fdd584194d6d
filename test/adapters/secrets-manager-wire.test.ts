/**
 * Secrets Manager's GetSecretValue without the SDK's client (adapters/secrets-manager/get-secret-value.ts),
 * against a loopback stand-in that speaks the service's JSON 1.1 protocol and checks SigV4 signatures itself:
 * the request as AWS wants it, the SDK's standard retries, and refusals as configuration errors that name the
 * variable holding the ARN and never a value.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerReader, secretsManagerEndpoint } from '../../functions/adapters/secrets-manager/get-secret-value.js';
import { readSecretJson } from '../../functions/adapters/secrets-manager/secrets-manager.js';
import { refreshing } from '../../functions/compose/refreshing-secrets.js';
import { loadEncryptionKey, SecretArnVariable } from '../../functions/compose/tenant-secrets.js';
import { ConfigError } from '../../functions/model/config-error.js';
import { jsonLogger } from '../../functions/model/log.js';
import { TestClock } from '../support/test-clock.js';
import { sigV4Scope, startSecretsManager, type SecretsManagerStandIn } from '../support/secrets-manager-stand-in.js';

const ARN = (name: string) => `arn:aws:secretsmanager:eu-central-1:111122223333:secret:${name}-AbCdEf`;
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET_KEY };
/** A value that must never be seen outside the secret. */
const CANARY = `canary-${randomBytes(6).toString('hex')}`;

describe('GetSecretValue on the wire', () => {
  let sm: SecretsManagerStandIn;
  const delays: number[] = [];
  const reader = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = CREDENTIALS, env = {}) =>
    new SecretsManagerReader({
      env: { AWS_REGION: 'eu-central-1', AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url, ...env },
      credentials: async () => credentials,
      sleep: async (ms) => void delays.push(ms),
    });

  beforeAll(async () => {
    sm = await startSecretsManager(
      {
        [ARN('keys')]: JSON.stringify({ encryptionKey: randomBytes(32).toString('base64') }),
        [ARN('plain')]: JSON.stringify({ value: CANARY }),
        [ARN('not-json')]: `{${CANARY}`,
        [ARN('short-key')]: JSON.stringify({ encryptionKey: Buffer.from(CANARY).toString('base64') }),
      },
      { secretAccessKey: SECRET_KEY },
    );
  });
  afterAll(() => sm.close());
  beforeEach(() => {
    sm.calls.length = 0;
    sm.faults.length = 0;
    delays.length = 0;
  });

  it('sends one POST with the target and content type, signed with SigV4 for secretsmanager in the region', async () => {
    expect(await readSecretJson('SOME_ARN', ARN('plain'), reader())).toEqual({ value: CANARY });
    expect(sm.calls).toHaveLength(1);
    const [call] = sm.calls;
    expect(call!.target).toBe('secretsmanager.GetSecretValue');
    expect(call!.secretId).toBe(ARN('plain'));
    expect(call!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(call!.signatureValid).toBe(true);
    const scope = sigV4Scope(call!.headers.authorization);
    expect(scope).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', region: 'eu-central-1', service: 'secretsmanager' });
    expect(scope!.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target', 'content-type']));
    expect(call!.headers['x-amz-security-token']).toBeUndefined();
  });

  it('carries and signs the session token when the credentials have one (a Lambda role)', async () => {
    await readSecretJson('SOME_ARN', ARN('plain'), reader({ ...CREDENTIALS, sessionToken: 'the-session-token' }));
    const [call] = sm.calls;
    expect(call!.headers['x-amz-security-token']).toBe('the-session-token');
    expect(sigV4Scope(call!.headers.authorization)!.signedHeaders).toContain('x-amz-security-token');
    expect(call!.signatureValid).toBe(true);
  });

  it('is refused by the stand-in when signed with another secret key (its check can fail)', async () => {
    const wrong = readSecretJson('SOME_ARN', ARN('plain'), reader({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-the-key' }));
    await expect(wrong).rejects.toThrow(/SOME_ARN: Secrets Manager refused GetSecretValue: InvalidSignatureException/);
    expect(sm.calls[0]!.signatureValid).toBe(false);
  });

  it('retries a throttled answer, after the backoff the SDK uses for throttling, then reads the secret', async () => {
    sm.faults.push({ status: 400, type: 'ThrottlingException', message: 'Rate exceeded' });
    expect(await readSecretJson('SOME_ARN', ARN('plain'), reader())).toEqual({ value: CANARY });
    expect(sm.calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeLessThan(1_000);
  });

  it('retries a 5xx and a cut connection, each attempt signed afresh', async () => {
    sm.faults.push({ status: 500, type: 'InternalServiceError' }, 'cut');
    expect(await readSecretJson('SOME_ARN', ARN('plain'), reader())).toEqual({ value: CANARY });
    expect(sm.calls).toHaveLength(3);
    expect(sm.calls.every((call) => call.signatureValid)).toBe(true);
  });

  it('gives up after 3 attempts (AWS_MAX_ATTEMPTS otherwise), keeping the failure´s name and naming the variable', async () => {
    sm.faults.push(...Array.from({ length: 5 }, () => ({ status: 503, type: 'ServiceUnavailable' })));
    const failed = readSecretJson('SOME_ARN', ARN('plain'), reader());
    await expect(failed).rejects.toMatchObject({ name: 'ServiceUnavailable', message: expect.stringContaining('SOME_ARN') });
    await expect(failed).rejects.not.toBeInstanceOf(ConfigError);
    expect(sm.calls).toHaveLength(3);
    sm.calls.length = 0;
    sm.faults.length = 0;
    sm.faults.push(...Array.from({ length: 5 }, () => ({ status: 503, type: 'ServiceUnavailable' })));
    await expect(readSecretJson('SOME_ARN', ARN('plain'), reader(CREDENTIALS, { AWS_MAX_ATTEMPTS: '5' }))).rejects.toThrow();
    expect(sm.calls).toHaveLength(5);
  });

  it('reads a missing secret as a configuration error naming the variable, without retrying', async () => {
    const missing = readSecretJson(SecretArnVariable.Homeserver, ARN('no-such-secret'), reader());
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow(
      `${SecretArnVariable.Homeserver}: Secrets Manager refused GetSecretValue: ResourceNotFoundException (HTTP 400)`,
    );
    expect(sm.calls).toHaveLength(1);
  });

  it('never puts a value in an error or a log line', async () => {
    const notJson = readSecretJson('SOME_ARN', ARN('not-json'), reader());
    await expect(notJson).rejects.toThrow('SOME_ARN: the secret must hold a JSON object');
    await expect(notJson).rejects.not.toThrow(new RegExp(CANARY));

    const env = { [SecretArnVariable.Keys]: ARN('short-key') };
    const short = loadEncryptionKey(env, reader());
    await expect(short).rejects.toThrow(`${SecretArnVariable.Keys}: encryptionKey: must be 32 random bytes`);
    await expect(short).rejects.not.toThrow(new RegExp(CANARY));

    // A warm function whose reload fails logs why, by name and variable only.
    const lines: string[] = [];
    const clock = new TestClock();
    let arn = ARN('keys');
    const held = await refreshing({
      load: () => loadEncryptionKey({ [SecretArnVariable.Keys]: arn }, reader()),
      build: (key) => key.length,
      ttlMs: 1_000,
      clock,
      log: jsonLogger((line) => lines.push(line)),
    });
    arn = ARN('short-key');
    clock.advance(2_000);
    expect(await held.current()).toBe(32);
    sm.faults.push(...Array.from({ length: 3 }, () => ({ status: 500, type: 'InternalServiceError' })));
    clock.advance(2_000);
    expect(await held.current()).toBe(32);
    expect(lines.join('\n')).toContain('secrets_not_reloaded');
    expect(lines.join('\n')).toContain('InternalServiceError');
    expect(lines.join('\n')).not.toContain(CANARY);
  });
});

describe('the Secrets Manager endpoint', () => {
  it('is the regional one in the partition´s DNS domain (the SDK´s partition table)', () => {
    expect(secretsManagerEndpoint({}, 'eu-west-1').href).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
    expect(secretsManagerEndpoint({}, 'cn-north-1').href).toBe('https://secretsmanager.cn-north-1.amazonaws.com.cn/');
    expect(secretsManagerEndpoint({}, 'us-gov-west-1').href).toBe('https://secretsmanager.us-gov-west-1.amazonaws.com/');
    expect(secretsManagerEndpoint({}, 'us-iso-east-1').href).toBe('https://secretsmanager.us-iso-east-1.c2s.ic.gov/');
    expect(secretsManagerEndpoint({}, 'us-isob-east-1').href).toBe('https://secretsmanager.us-isob-east-1.sc2s.sgov.gov/');
  });

  it('honours the SDK´s endpoint variables: the service´s own first, then the general one, unless told to ignore them', () => {
    const service = 'http://127.0.0.1:4566';
    const general = 'http://localhost:9999';
    expect(secretsManagerEndpoint({ AWS_ENDPOINT_URL_SECRETS_MANAGER: service, AWS_ENDPOINT_URL: general }, 'eu-west-1').href).toBe(
      `${service}/`,
    );
    expect(secretsManagerEndpoint({ AWS_ENDPOINT_URL: general }, 'eu-west-1').href).toBe(`${general}/`);
    const ignored = { AWS_ENDPOINT_URL: general, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(secretsManagerEndpoint(ignored, 'eu-west-1').href).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
  });

  it('refuses to guess a FIPS or dual-stack name, unless the endpoint is named', () => {
    expect(() => secretsManagerEndpoint({ AWS_USE_FIPS_ENDPOINT: 'true' }, 'us-gov-west-1')).toThrow(
      /AWS_USE_FIPS_ENDPOINT: not supported/,
    );
    expect(() => secretsManagerEndpoint({ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'eu-west-1')).toThrow(ConfigError);
    const named = {
      AWS_USE_FIPS_ENDPOINT: 'true',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'https://secretsmanager-fips.us-gov-west-1.amazonaws.com',
    };
    expect(secretsManagerEndpoint(named, 'us-gov-west-1').hostname).toBe('secretsmanager-fips.us-gov-west-1.amazonaws.com');
  });

  it('needs a region, and a well-formed one', async () => {
    const noRegion = new SecretsManagerReader({ env: {}, credentials: async () => CREDENTIALS });
    await expect(readSecretJson('SOME_ARN', ARN('plain'), noRegion)).rejects.toThrow('SOME_ARN: AWS_REGION: not set');
    const odd = new SecretsManagerReader({ env: { AWS_REGION: 'eu-west-1.evil.example' }, credentials: async () => CREDENTIALS });
    await expect(readSecretJson('SOME_ARN', ARN('plain'), odd)).rejects.toBeInstanceOf(ConfigError);
  });
});
