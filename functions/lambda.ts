/** The Lambda entry: reads the tenant config and secrets once per cold start, then serves API Gateway events. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handle } from 'hono/aws-lambda';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, secretsFromEnv } from './config.js';
import { buildFrontDoor } from './front-door.js';

const env = process.env;
const raw = env.FRONT_DOOR_CONFIG_JSON ? JSON.parse(env.FRONT_DOOR_CONFIG_JSON) : readConfigFile(env.FRONT_DOOR_CONFIG ?? 'front-door.json');
const config = parseTenantConfig(applyEnvOverrides(raw, env));
const app = buildFrontDoor({ config, secrets: secretsFromEnv(config, env), dynamo: new DynamoDBClient({}) });

export const handler = handle(app);
