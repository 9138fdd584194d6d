/** Reads a JSON secret from Secrets Manager: only its ARN is in the environment, never its value. */
import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../model/config-error.js';

/** The one call this module makes; a test passes a fake, an entry the real client. */
export interface SecretValueReader {
  send(command: GetSecretValueCommand): Promise<Pick<GetSecretValueCommandOutput, 'SecretString'>>;
}

let defaultClient: SecretsManagerClient | undefined;

/** The secret's JSON object; problems name the variable that holds the ARN, never a value. */
export async function readSecretJson(variable: string, arn: string, client?: SecretValueReader): Promise<unknown> {
  client ??= defaultClient ??= new SecretsManagerClient({});
  const answer = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (answer.SecretString === undefined) throw new ConfigError([`${variable}: the secret holds no SecretString`]);
  try {
    return JSON.parse(answer.SecretString);
  } catch {
    throw new ConfigError([`${variable}: the secret must hold a JSON object`]);
  }
}
