/** Reads the tenant's secret from Secrets Manager once per cold start; only its ARN is in the environment. */
import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { ConfigError, type TenantConfig } from '../config.js';
import { parseFrontDoorSecret, type FrontDoorSecret } from './front-door-secret.js';

/** The one call this module makes; a test passes a fake, the entry passes nothing. */
export interface SecretValueReader {
  send(command: GetSecretValueCommand): Promise<Pick<GetSecretValueCommandOutput, 'SecretString'>>;
}

export const SECRET_ARN_VARIABLE = 'FRONT_DOOR_SECRET_ARN';

/** Fetches and parses the secret named by `FRONT_DOOR_SECRET_ARN`. */
export async function readFrontDoorSecret(
  config: TenantConfig,
  env: Record<string, string | undefined> = process.env,
  client: SecretValueReader = new SecretsManagerClient({}),
): Promise<FrontDoorSecret> {
  const arn = env[SECRET_ARN_VARIABLE];
  if (!arn) throw new ConfigError([`${SECRET_ARN_VARIABLE}: required: the ARN of the tenant's secret`]);
  const answer = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (answer.SecretString === undefined) throw new ConfigError([`secret: ${arn} holds no SecretString`]);
  return parseFrontDoorSecret(answer.SecretString, config);
}

let cached: Promise<FrontDoorSecret> | undefined;

/**
 * The secret for this execution environment: fetched on first use, then shared. A failed fetch is
 * forgotten so the next invocation tries again instead of failing until the environment is recycled.
 */
export function frontDoorSecret(config: TenantConfig, env?: Record<string, string | undefined>, client?: SecretValueReader): Promise<FrontDoorSecret> {
  cached ??= readFrontDoorSecret(config, env, client).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** Forgets the cached secret (tests; or after the operator rotates it). */
export function forgetFrontDoorSecret(): void {
  cached = undefined;
}
