import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SecretValueRequest } from '../../functions/adapters/secrets-manager/secrets-manager.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { loadEncryptionKey, loadHomeserverSecrets, loadOperatorKey, SecretArnVariable } from '../../functions/compose/tenant-secrets.js';

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbCdEf`;
const config = parseTenantConfig({
  serverName: 'example.org',
  homeserver: { url: 'https://hs.example.org', mode: 'admin_api' },
  registration: { flows: [['m.login.dummy']] },
});

/** Secrets Manager as the SDK client sees it: GetSecretValue by ARN, counting calls. */
function secretsManager(values: Record<string, string>) {
  const asked: string[] = [];
  return {
    asked,
    async send(command: SecretValueRequest) {
      const id = command.input.SecretId!;
      asked.push(id);
      if (!(id in values))
        throw Object.assign(new Error('Secrets Manager can’t find the specified secret.'), { name: 'ResourceNotFoundException' });
      return { SecretString: values[id] };
    },
  };
}

describe('the tenant secrets', () => {
  const key = randomBytes(32);

  it('are read from Secrets Manager when the environment names their ARNs, and only those', async () => {
    const sm = secretsManager({
      [ARN('keys')]: JSON.stringify({ encryptionKey: key.toString('base64') }),
      [ARN('homeserver')]: JSON.stringify({ homeserverAdminToken: 'syt_admin' }),
    });
    const env = {
      [SecretArnVariable.Keys]: ARN('keys'),
      [SecretArnVariable.Homeserver]: ARN('homeserver'),
      HOMESERVER_ADMIN_TOKEN: 'ignored',
    };
    const secrets = await loadHomeserverSecrets(config, env, sm);
    expect(secrets.encryptionKey.equals(key)).toBe(true);
    expect(secrets.homeserverAdminToken).toBe('syt_admin');
    expect(sm.asked.sort()).toEqual([ARN('homeserver'), ARN('keys')]);
  });

  it('accept the 43-character key the stack generates', async () => {
    const generated = 'A'.repeat(43);
    const sm = secretsManager({ [ARN('keys')]: JSON.stringify({ encryptionKey: generated }) });
    expect((await loadEncryptionKey({ [SecretArnVariable.Keys]: ARN('keys') }, sm)).length).toBe(32);
  });

  it('fall back to the plain variables when no ARN is set', async () => {
    const sm = secretsManager({});
    const env = {
      FRONT_DOOR_ENCRYPTION_KEY: key.toString('base64'),
      HOMESERVER_ADMIN_TOKEN: 'syt_env',
      FRONT_DOOR_OPERATOR_KEY: 'operator-key-0123456789',
    };
    expect((await loadHomeserverSecrets(config, env, sm)).homeserverAdminToken).toBe('syt_env');
    expect(await loadOperatorKey(env, sm)).toBe('operator-key-0123456789');
    expect(sm.asked).toEqual([]);
  });

  it('name the secret and field at fault, and never the value', async () => {
    const sm = secretsManager({
      [ARN('keys')]: JSON.stringify({ encryptionKey: 'dG9vLXNob3J0LXNlY3JldA==' }),
      [ARN('homeserver')]: JSON.stringify({ registrationSharedSecret: 'not-what-admin-api-needs' }),
      [ARN('operator')]: 'operatorKey=oops',
    });
    const keys = loadEncryptionKey({ [SecretArnVariable.Keys]: ARN('keys') }, sm);
    await expect(keys).rejects.toThrow(`${SecretArnVariable.Keys}: encryptionKey: must be 32 random bytes`);
    await expect(keys).rejects.not.toThrow(/dG9v/);
    const homeserver = loadHomeserverSecrets(
      config,
      { FRONT_DOOR_ENCRYPTION_KEY: key.toString('base64'), [SecretArnVariable.Homeserver]: ARN('homeserver') },
      sm,
    );
    await expect(homeserver).rejects.toThrow(
      `${SecretArnVariable.Homeserver}: homeserverAdminToken: required when homeserver.mode is "admin_api"`,
    );
    await expect(homeserver).rejects.not.toThrow(/not-what/);
    const operator = loadOperatorKey({ [SecretArnVariable.Operator]: ARN('operator') }, sm);
    await expect(operator).rejects.toThrow(`${SecretArnVariable.Operator}: the secret must hold a JSON object`);
    await expect(operator).rejects.not.toThrow(/oops/);
  });
});
