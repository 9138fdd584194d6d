/**
 * Secrets cached with a TTL (issue 17, rotation): a warm function reloads its secrets from Secrets Manager
 * after FRONT_DOOR_SECRETS_TTL_SECONDS and rebuilds its app when they changed, so a rotated key is used
 * without a redeploy. Secrets Manager is a fake reader injected into the real loader; the app is the real
 * checks function on DynamoDB Local, called with API Gateway events as Lambda would.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretValueReader, SecretValueRequest } from '../../functions/adapters/secrets-manager/secrets-manager.js';
import { buildChecksApi } from '../../functions/compose/build.js';
import { refreshing, secretsTtlMs } from '../../functions/compose/refreshing-secrets.js';
import { loadEncryptionKey, SecretArnVariable } from '../../functions/compose/tenant-secrets.js';
import { keysOf } from '../../functions/crypto/key-ring.js';
import { refreshingApi } from '../../functions/entries/refreshing-handler.js';
import { jsonLogger } from '../../functions/model/log.js';
import { send } from '../support/client.js';
import { startHarness, type Harness } from '../support/harness.js';
import { httpApiEvent } from '../support/http-api-event.js';
import { TestClock } from '../support/test-clock.js';
import { OPERATOR_KEY, TOKENS, VALIDITY } from '../gating/support.js';

const key1 = randomBytes(32);
const key2 = randomBytes(32);
const TTL_MS = 300_000;
const env = {
  [SecretArnVariable.Keys]: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:keys-AbCdEf',
  FRONT_DOOR_SECRETS_TTL_SECONDS: '300',
};

/** Secrets Manager as the loader sees it: the current secret string, how often it was read, and an outage switch. */
class FakeSecretsManager implements SecretValueReader {
  reads = 0;
  down = false;
  constructor(public secret: Record<string, unknown>) {}
  async send(_command: SecretValueRequest) {
    this.reads += 1;
    if (this.down) throw Object.assign(new Error('Secrets Manager is unavailable'), { name: 'InternalServiceError' });
    return { SecretString: JSON.stringify(this.secret) };
  }
}

const keysSecret = (newest: Buffer, ...previous: Buffer[]) => ({
  encryptionKey: newest.toString('base64'),
  ...(previous.length ? { previousEncryptionKeys: previous.map((k) => k.toString('base64')) } : {}),
});

describe('secrets cached with a TTL', () => {
  let h: Harness;
  const clock = new TestClock();
  beforeAll(async () => {
    // The operator API already runs with key 2: the token it makes is found by its keyed hash under key 2.
    h = await startHarness({
      clock,
      secrets: { encryptionKey: key2, operatorKey: OPERATOR_KEY },
      config: { registration: { flows: [['m.login.registration_token', 'm.login.dummy']] } },
    });
    const made = await send(h.app, `${TOKENS}/new`, {
      method: 'POST',
      body: { token: 'made-under-key-2' },
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_KEY}` },
    });
    expect(made.status).toBe(200);
  });
  afterAll(() => h.close());

  it('picks up a rotated key after the TTL, without a cold start, and rebuilds only when the secret changed', async () => {
    const secrets = new FakeSecretsManager(keysSecret(key1));
    const logs: string[] = [];
    let builds = 0;
    const handler = await refreshingApi(
      () => loadEncryptionKey(env, secrets),
      (encryptionKey) => {
        builds += 1;
        return buildChecksApi({ config: h.config, encryptionKey, dynamo: h.db, clock });
      },
      { env, clock, log: jsonLogger((line) => logs.push(line)) },
    );
    const valid = async () => JSON.parse((await handler(httpApiEvent('GET', `${VALIDITY}?token=made-under-key-2`) as never)).body);

    // Warm with key 1 only: the token made under key 2 is unknown here.
    expect(await valid()).toEqual({ valid: false });
    // The secret is rotated: key 2 newest, key 1 kept as previous. Within the TTL the function keeps what it has.
    secrets.secret = keysSecret(key2, key1);
    clock.advance(TTL_MS - 1);
    expect(await valid()).toEqual({ valid: false });
    expect(secrets.reads).toBe(1);
    // Past the TTL: reloaded, rebuilt, and the token is recognised.
    clock.advance(1);
    expect(await valid()).toEqual({ valid: true });
    expect({ reads: secrets.reads, builds }).toEqual({ reads: 2, builds: 2 });
    // Another TTL with the secret unchanged: read again, not rebuilt.
    clock.advance(TTL_MS);
    expect(await valid()).toEqual({ valid: true });
    expect({ reads: secrets.reads, builds }).toEqual({ reads: 3, builds: 2 });
    expect(logs.join('\n')).not.toContain(key2.toString('base64'));
  });

  it('keeps working on the secrets it has while Secrets Manager fails, and reloads once it answers again', async () => {
    const secrets = new FakeSecretsManager(keysSecret(key1));
    const logs: string[] = [];
    const current = await refreshing({
      load: () => loadEncryptionKey(env, secrets),
      build: (key) => keysOf(key).map((k) => k.toString('base64')),
      ttlMs: TTL_MS,
      clock,
      log: jsonLogger((line) => logs.push(line)),
    });
    secrets.down = true;
    secrets.secret = keysSecret(key2, key1);
    clock.advance(TTL_MS);
    expect(await current.current()).toEqual([key1.toString('base64')]);
    expect(logs.join('\n')).toContain('secrets_not_reloaded');
    // Tried again only after another TTL, not on every request.
    expect(await current.current()).toEqual([key1.toString('base64')]);
    expect(secrets.reads).toBe(2);
    secrets.down = false;
    clock.advance(TTL_MS);
    expect(await current.current()).toEqual([key2.toString('base64'), key1.toString('base64')]);
  });

  it('treats a key added as previous as a change, and shares one reload among concurrent requests', async () => {
    const secrets = new FakeSecretsManager(keysSecret(key1));
    let builds = 0;
    const current = await refreshing({
      load: () => loadEncryptionKey(env, secrets),
      build: (key) => ({ keys: keysOf(key).length, build: ++builds }),
      ttlMs: TTL_MS,
      clock,
    });
    // The first step of a rotation: the new key only listed (every function learns to open it before any seals with it).
    secrets.secret = keysSecret(key1, key2);
    clock.advance(TTL_MS);
    const answers = await Promise.all([current.current(), current.current(), current.current()]);
    expect(answers).toEqual([answers[0], answers[0], answers[0]]);
    expect(answers[0]).toEqual({ keys: 2, build: 2 });
    expect(secrets.reads).toBe(2);
  });

  it('reads its TTL from FRONT_DOOR_SECRETS_TTL_SECONDS: 5 minutes by default, 0 for cold start only, nonsense refused', async () => {
    expect(secretsTtlMs({})).toBe(300_000);
    expect(secretsTtlMs({ FRONT_DOOR_SECRETS_TTL_SECONDS: '60' })).toBe(60_000);
    expect(secretsTtlMs({ FRONT_DOOR_SECRETS_TTL_SECONDS: '0' })).toBe(0);
    expect(() => secretsTtlMs({ FRONT_DOOR_SECRETS_TTL_SECONDS: 'soon' })).toThrow(/FRONT_DOOR_SECRETS_TTL_SECONDS/);
    const secrets = new FakeSecretsManager(keysSecret(key1));
    const never = await refreshing({ load: () => loadEncryptionKey(env, secrets), build: (key) => key, ttlMs: 0, clock });
    clock.advance(10 * TTL_MS);
    await never.current();
    expect(secrets.reads).toBe(1);
  });
});
