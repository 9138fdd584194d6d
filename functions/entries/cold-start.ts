/**
 * What every Lambda entry shares, done once per execution environment: the tenant config, the client of
 * the table, and the API Gateway adapter. The senders and the owner lookup are in their own files, so a
 * bundle holds only the SDK clients its entry uses.
 */
import type { Hono } from 'hono';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, type TenantConfig } from '../config/tenant-config.js';
import { checkedConfig } from '../config/checked-config.js';
import { loadOriginSecret } from '../compose/tenant-secrets.js';
import { behindOriginSecret } from '../http/middleware/origin-secret.js';
import { tableClient } from '../adapters/dynamodb/table-client.js';
import { installFetchClasses } from './fetch/install.js';
import { type HttpApiHandler, httpApiHandler } from './http-api-events.js';

export type Env = Record<string, string | undefined>;

/**
 * The tenant config: the stack puts it in FRONT_DOOR_CONFIG_JSON, already parsed, with its digest, and it is
 * taken as it is (config/checked-config.ts). Any other (edited by hand, a file otherwise) is parsed in full,
 * and a bad one fails the cold start.
 */
export async function tenantConfig(env: Env): Promise<TenantConfig> {
  const checked = checkedConfig(env);
  if (checked) return checked;
  // The schemas are built here, at the first parse, not at load (config/tenant-config.ts).
  const raw = env.FRONT_DOOR_CONFIG_JSON
    ? JSON.parse(env.FRONT_DOOR_CONFIG_JSON)
    : readConfigFile(env.FRONT_DOOR_CONFIG ?? 'front-door.json');
  return parseTenantConfig(applyEnvOverrides(raw, env));
}

/** The SDK reads region, credentials and AWS_ENDPOINT_URL_DYNAMODB from the environment. */
export const dynamoClient = () => tableClient();

/** Set by the stack with CloudFront in front of the front door: the header whose value is the origin secret. */
export const ORIGIN_HEADER_VARIABLE = 'FRONT_DOOR_ORIGIN_HEADER';

/**
 * An API Gateway (HTTP API, payload 2.0) handler for the app; behind the origin-secret check when the stack
 * put CloudFront in front. The secret is read once, during the cold start; a failure fails every invocation.
 * The requests and answers are made of the entries' own fetch classes (fetch/install.ts), not undici's.
 */
export function apiHandler(app: Hono, env: Env = process.env): HttpApiHandler {
  installFetchClasses();
  const header = env[ORIGIN_HEADER_VARIABLE];
  if (!header) return httpApiHandler(app);
  const ready = loadOriginSecret(env).then((value) => {
    if (!value) throw new Error(`${ORIGIN_HEADER_VARIABLE} is set but no origin secret is configured`);
    return httpApiHandler(behindOriginSecret(app, { header, value }));
  });
  // Awaited by each invocation; this only keeps an early failure from being an unhandled rejection.
  ready.catch(() => undefined);
  return async (event, context) => (await ready)(event, context);
}
