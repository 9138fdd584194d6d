/** The one Secrets Manager secret a tenant keeps: its JSON shape, parsed and checked against the tenant config. */
import { z } from 'zod';
import { ConfigError, type TenantConfig, type TenantSecrets } from '../config.js';

const base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .transform((text) => Buffer.from(text, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 random bytes, base64-encoded');

const optionalText = z.string().min(1).optional();

export const frontDoorSecretSchema = z.object({
  registrationSharedSecret: optionalText,
  homeserverAdminToken: optionalText,
  /** 43 alphanumeric characters (as the CDK-generated secret holds) or 44 with padding: both decode to 32 bytes. */
  encryptionKey: base64Key,
  /** For runtimes without IAM in front of the operator API; on AWS, API Gateway authorises operators instead. */
  operatorKey: optionalText,
});

/** What the secret holds, as the functions use it. */
export type FrontDoorSecret = TenantSecrets & { operatorKey?: string };

/** Parses the secret's JSON; every problem names its field, none quotes a value. */
export function parseFrontDoorSecret(secretString: string, config: TenantConfig): FrontDoorSecret {
  let raw: unknown;
  try {
    raw = JSON.parse(secretString);
  } catch {
    throw new ConfigError(['secret: must be a JSON object']);
  }
  const result = frontDoorSecretSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `secret.${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const secret = result.data;
  const missing = missingCredential(config, secret);
  if (missing) throw new ConfigError([missing]);
  return secret;
}

function missingCredential(config: TenantConfig, secret: Omit<FrontDoorSecret, 'encryptionKey'>): string | undefined {
  if (config.homeserver.mode === 'shared_secret' && !secret.registrationSharedSecret) {
    return 'secret.registrationSharedSecret: required when homeserver.mode is "shared_secret"';
  }
  if (config.homeserver.mode === 'admin_api' && !secret.homeserverAdminToken) {
    return 'secret.homeserverAdminToken: required when homeserver.mode is "admin_api"';
  }
  return undefined;
}
