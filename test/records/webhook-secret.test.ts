/**
 * The events webhook's signing secret as the stack generates it (44 characters of base64 in Secrets
 * Manager): the front door signs with its bytes, so a Standard Webhooks receiver given `whsec_<value>` verifies.
 */
import { describe, expect, it } from 'vitest';
import type { SecretValueRequest } from '../../functions/adapters/secrets-manager/secrets-manager.js';
import { loadEventsWebhookSecret, SecretArnVariable } from '../../functions/compose/tenant-secrets.js';
import { signWebhook, verifyWebhook, webhookKey } from '../../functions/crypto/webhook-signature.js';
import { ConfigError } from '../../functions/model/config-error.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:events-AbCdEf';
const GENERATED = 'Qm9vbXNoYWthbGFrYTEyMzQ1Njc4OTBhYmNkZWZnaGlq';
const reader = (value: string) => ({ send: async (_: SecretValueRequest) => ({ SecretString: value }) });

describe('the events webhook secret', () => {
  it('takes the generated base64 as a Standard Webhooks key: a receiver holding whsec_<value> verifies the signature', async () => {
    expect(GENERATED).toMatch(/^[A-Za-z0-9]{44}$/);
    const env = { [SecretArnVariable.Events]: ARN };
    const secret = await loadEventsWebhookSecret(env, reader(JSON.stringify({ webhookSecret: GENERATED })));
    expect(secret).toBe(`whsec_${GENERATED}`);
    const headers = signWebhook(webhookKey(secret), 'msg_1', 1_700_000_000, '{}');
    const given = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] };
    // What the receiver's library does with whsec_<value>: the bytes the base64 stands for.
    expect(verifyWebhook(Buffer.from(GENERATED, 'base64'), given, '{}', 1_700_000_001)).toBe(true);
  });

  it('keeps a secret given with its whsec_ prefix as it is', async () => {
    const secret = await loadEventsWebhookSecret({ FRONT_DOOR_EVENTS_WEBHOOK_SECRET: `whsec_${GENERATED}` });
    expect(secret).toBe(`whsec_${GENERATED}`);
  });

  it('refuses a value that is not base64 key material, naming the field and never the value', async () => {
    const env = { [SecretArnVariable.Events]: ARN };
    const refused = loadEventsWebhookSecret(env, reader(JSON.stringify({ webhookSecret: 'not a key!' })));
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/FRONT_DOOR_EVENTS_SECRET_ARN: webhookSecret: must be whsec_<base64>/);
    await expect(refused).rejects.not.toThrow(/not a key/);
  });
});
