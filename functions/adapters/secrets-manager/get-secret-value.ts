/**
 * Secrets Manager's GetSecretValue, the one call the functions make of it, spoken on the wire: AWS JSON 1.1
 * (`POST /`, `X-Amz-Target: secretsmanager.GetSecretValue`), signed by the SDK's own SigV4 signer, sent over the
 * functions' HTTP transport, retried as the SDK's standard mode would. The SDK's client for this one call was
 * ~15 KB of every bundle that reads a secret (issue 18). Credentials are the SDK's default chain, which the
 * Lambda bundles alias to the environment's (functions/entries/env-credentials.ts): the same as the SDK's
 * clients get.
 */
import { partition } from '@aws-sdk/core/client';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { ConfigError } from '../../model/config-error.js';
import { AwsHttpHandler } from '../aws/http-handler.js';
import { AwsServiceError, maxAttemptsFrom, withStandardRetry } from '../aws/standard-retry.js';

type Env = Record<string, string | undefined>;

/** The request, shaped as the SDK's command is (a test's reader takes the same). */
export interface SecretValueRequest {
  input: { SecretId: string };
}

/** What the front door reads of the answer. */
export interface SecretValueAnswer {
  SecretString?: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface GetSecretValueOptions {
  /** Where AWS_REGION and the endpoint variables are read, at each call; process.env by default. */
  env?: Env;
  credentials?: () => Promise<AwsCredentials>;
  transport?: Pick<AwsHttpHandler, 'handle'>;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

const TARGET = 'secretsmanager.GetSecretValue';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The SDK's signing name of the service, and its standard endpoint variable's suffix. */
const SERVICE = 'secretsmanager';
const ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_SECRETS_MANAGER';

/** A Secrets Manager reader without the SDK's client: `send` as the client's, for GetSecretValue alone. */
export class SecretsManagerReader {
  private readonly env: Env;
  private readonly credentials: () => Promise<AwsCredentials>;
  private readonly transport: Pick<AwsHttpHandler, 'handle'>;
  private readonly sleep: GetSecretValueOptions['sleep'];

  constructor(options: GetSecretValueOptions = {}) {
    this.env = options.env ?? process.env;
    this.credentials = options.credentials ?? defaultProvider();
    this.transport = options.transport ?? new AwsHttpHandler();
    this.sleep = options.sleep;
  }

  async send(command: SecretValueRequest): Promise<SecretValueAnswer> {
    const region = regionOf(this.env);
    const endpoint = secretsManagerEndpoint(this.env, region);
    const signer = new SignatureV4({ service: SERVICE, region, credentials: this.credentials, sha256: Sha256 });
    const body = JSON.stringify({ SecretId: command.input.SecretId });
    const attempt = async (): Promise<SecretValueAnswer> => {
      // Signed again for each attempt, as the SDK does: a retry carries a fresh date.
      const signed = await signer.sign(unsignedRequest(endpoint, body));
      const { response } = await this.transport.handle(signed as Parameters<AwsHttpHandler['handle']>[0]);
      const text = Buffer.from(response.body as Uint8Array).toString('utf8');
      if (response.statusCode >= 200 && response.statusCode < 300) return answerOf(text);
      throw serviceError(response.statusCode, response.headers, text);
    };
    return withStandardRetry(attempt, { maxAttempts: maxAttemptsFrom(this.env), ...(this.sleep ? { sleep: this.sleep } : {}) });
  }
}

/** The region of the calls: AWS_REGION, as the SDK reads it (Lambda sets it); checked, as it becomes a host name. */
function regionOf(env: Env): string {
  const region = env.AWS_REGION;
  if (!region) throw new ConfigError(['AWS_REGION: not set: Secrets Manager cannot be reached without a region']);
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) throw new ConfigError(['AWS_REGION: not a region name']);
  return region;
}

/**
 * The SDK's standard endpoint variables first (AWS_ENDPOINT_URL_SECRETS_MANAGER, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), else the service's regional endpoint in the region's partition, whose DNS
 * suffix comes from the SDK's own partition table (amazonaws.com, amazonaws.com.cn, c2s.ic.gov…). A FIPS or
 * dual-stack endpoint asked for by the SDK's variables is refused (the stack sets neither): it must be named.
 */
export function secretsManagerEndpoint(env: Env, region: string): URL {
  const configured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? undefined : env[ENDPOINT_VARIABLE] || env.AWS_ENDPOINT_URL;
  if (configured) {
    try {
      return new URL(configured);
    } catch {
      throw new ConfigError([`${env[ENDPOINT_VARIABLE] ? ENDPOINT_VARIABLE : 'AWS_ENDPOINT_URL'}: not a URL`]);
    }
  }
  // The SDK's FIPS and dual-stack names differ by partition: rather than guess one, ask for the endpoint itself.
  for (const variable of ['AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT']) {
    if (env[variable] === 'true') throw new ConfigError([`${variable}: not supported for Secrets Manager here; set ${ENDPOINT_VARIABLE}`]);
  }
  return new URL(`https://${SERVICE}.${region}.${partition(region).dnsSuffix}`);
}

function unsignedRequest(endpoint: URL, body: string) {
  const port = endpoint.port ? Number(endpoint.port) : undefined;
  return {
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(port ? { port } : {}),
    path: endpoint.pathname || '/',
    query: {},
    headers: {
      host: endpoint.host,
      'content-type': CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-target': TARGET,
    },
    body,
  };
}

function answerOf(text: string): SecretValueAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never the text: it may hold the secret.
    throw new AwsServiceError('SerializationException', 200, 'Secrets Manager answered GetSecretValue with something other than JSON');
  }
  const value = (parsed as { SecretString?: unknown } | null)?.SecretString;
  return typeof value === 'string' ? { SecretString: value } : {};
}

/**
 * An error answer as the SDK reads one: the code from `__type` (or the `x-amzn-errortype` header), without its
 * namespace (`com.amazonaws.secretsmanager#`) or the `:` suffix some services add; the service's `message`.
 */
function serviceError(status: number, headers: Record<string, string>, text: string): AwsServiceError {
  let body: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    body = JSON.parse(text) ?? {};
  } catch {
    // A proxy's or load balancer's page: the status decides.
  }
  const raw = String(headers['x-amzn-errortype'] ?? body.__type ?? (status >= 500 ? 'InternalServiceError' : `HTTP${status}`));
  const code =
    raw
      .split(':')[0]!
      .split('#')
      .at(-1)!
      .replace(/[^\w.-]/g, '')
      .slice(0, 64) || `HTTP${status}`;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
  return new AwsServiceError(code, status, message.slice(0, 300));
}
