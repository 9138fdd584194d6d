/**
 * What every Lambda entry shares, done once per execution environment: the tenant config, the client of
 * the table, and the API Gateway adapter. The senders and the owner lookup are in their own files, so a
 * bundle holds only the SDK clients its entry uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, type TenantConfig } from '../config/tenant-config.js';

export type Env = Record<string, string | undefined>;

/** The tenant config: the stack puts it in FRONT_DOOR_CONFIG_JSON; a file otherwise. Fails the cold start if bad. */
export function tenantConfig(env: Env): TenantConfig {
  const raw = env.FRONT_DOOR_CONFIG_JSON
    ? JSON.parse(env.FRONT_DOOR_CONFIG_JSON)
    : readConfigFile(env.FRONT_DOOR_CONFIG ?? 'front-door.json');
  return parseTenantConfig(applyEnvOverrides(raw, env));
}

/** The SDK reads region, credentials and AWS_ENDPOINT_URL_DYNAMODB from the environment. */
export const dynamoClient = () => new DynamoDBClient({});

/** An API Gateway (HTTP API, payload 2.0) handler for the app. */
export const apiHandler = (app: Hono) => handle(app);
