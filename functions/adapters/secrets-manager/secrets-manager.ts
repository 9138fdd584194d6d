/** Reads a JSON secret from Secrets Manager: only its ARN is in the environment, never its value. */
import { ConfigError } from '../../model/config-error.js';
import { SecretsManagerReader, type SecretValueAnswer, type SecretValueRequest } from './get-secret-value.js';

export type { SecretValueRequest } from './get-secret-value.js';

/** The one call this module makes; a test passes a fake, an entry the wire reader (get-secret-value.ts). */
export interface SecretValueReader {
  send(command: SecretValueRequest): Promise<SecretValueAnswer>;
}

let defaultReader: SecretValueReader | undefined;

/** The secret's JSON object; problems name the variable that holds the ARN, never a value. */
export async function readSecretJson(variable: string, arn: string, client?: SecretValueReader): Promise<unknown> {
  client ??= defaultReader ??= new SecretsManagerReader();
  let answer: SecretValueAnswer;
  try {
    answer = await client.send({ input: { SecretId: arn } });
  } catch (error) {
    throw readFailure(variable, error);
  }
  if (answer.SecretString === undefined) throw new ConfigError([`${variable}: the secret holds no SecretString`]);
  try {
    return JSON.parse(answer.SecretString);
  } catch {
    throw new ConfigError([`${variable}: the secret must hold a JSON object`]);
  }
}

type Failure = Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };

/**
 * Secrets Manager's refusal (no such secret, access denied, a key it cannot decrypt with…: a client fault, after
 * the retries) is a configuration problem naming the variable; anything else (unreachable, throttled or failing
 * past the retries) keeps its name (the refresh logs it) with the variable in its message. The service's own
 * message names the secret at most, never its value.
 */
function readFailure(variable: string, error: unknown): Error {
  const e = (error instanceof Error ? error : new Error(String(error))) as Failure;
  const said = e.message ? `: ${e.message}` : '';
  if (error instanceof ConfigError) return new ConfigError(error.problems.map((problem) => `${variable}: ${problem}`));
  if (e.$fault === 'client') {
    return new ConfigError([`${variable}: Secrets Manager refused GetSecretValue: ${e.name} (HTTP ${e.$metadata?.httpStatusCode})${said}`]);
  }
  const failure = new Error(`${variable}: Secrets Manager did not answer GetSecretValue: ${e.name}${said}`, { cause: error });
  failure.name = e.name;
  return failure;
}
