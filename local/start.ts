/**
 * `npm start`: the front door on this machine, with everything it needs started beside it unless real
 * ones are configured: DynamoDB Local (in memory) and a development homeserver.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, secretsFromEnv, type TenantConfig } from '../functions/config.js';
import { buildFrontDoor } from '../functions/front-door.js';
import { jsonLogger, silentLogger } from '../functions/log.js';
import { createTenantTable } from './create-table.js';
import { startDevHomeserver } from './dev-homeserver/index.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

type Env = Record<string, string | undefined>;
const DEV_CONFIG = fileURLToPath(new URL('./dev-config.json', import.meta.url));

export interface LocalFrontDoor {
  url: string;
  config: TenantConfig;
  started: string[];
  stop(): Promise<void>;
}

export async function startLocal(env: Env = process.env, options: { quiet?: boolean } = {}): Promise<LocalFrontDoor> {
  env = { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const raw = applyEnvOverrides(readConfigFile(env.FRONT_DOOR_CONFIG ?? DEV_CONFIG), env) as Record<string, any>;
    if (!env.HOMESERVER_URL) await startHomeserver(raw, env, stops, started);
    else if (!env.FRONT_DOOR_CONFIG) raw.homeserver.mode = env.REGISTRATION_SHARED_SECRET ? 'shared_secret' : 'admin_api';
    env.FRONT_DOOR_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
    const config = parseTenantConfig(raw);
    const secrets = secretsFromEnv(config, env);

    if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
      const dynamo = await startDynamoDbLocal();
      stops.push(dynamo.stop);
      env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
      started.push(`DynamoDB Local (in memory)  ${dynamo.endpoint}`);
    }
    const db = new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: env.AWS_REGION ?? 'local',
      ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    stops.push(async () => db.destroy());
    await ensureTable(db, config.tableName);

    const app = buildFrontDoor({ config, secrets, dynamo: db, log: options.quiet ? silentLogger : jsonLogger() });
    const server = serve({ fetch: app.fetch, port: config.port, hostname: env.HOST ?? '127.0.0.1' });
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    stops.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, config, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startHomeserver(raw: Record<string, any>, env: Env, stops: (() => Promise<void>)[], started: string[]) {
  env.REGISTRATION_SHARED_SECRET ??= randomBytes(24).toString('base64url');
  env.HOMESERVER_ADMIN_TOKEN ??= `syt_dev_admin_${randomBytes(12).toString('base64url')}`;
  const wanted = Number(new URL(raw.homeserver?.url ?? 'http://127.0.0.1:8008').port || 8008);
  const homeserver = await startDevHomeserver({
    serverName: raw.serverName,
    sharedSecret: env.REGISTRATION_SHARED_SECRET,
    adminToken: env.HOMESERVER_ADMIN_TOKEN,
    port: env.DEV_HOMESERVER_PORT ? Number(env.DEV_HOMESERVER_PORT) : wanted,
  });
  stops.push(() => homeserver.close());
  raw.homeserver = { ...raw.homeserver, url: homeserver.url };
  started.push(`development homeserver     ${homeserver.url}  (server name ${raw.serverName})`);
}

async function ensureTable(db: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await createTenantTable(db, tableName);
  }
}

function banner(local: LocalFrontDoor): string {
  const register = `${local.url}/_matrix/client/v3/register`;
  return [
    '',
    'Matrix front door is running.',
    ...local.started.map((s) => `  started ${s}`),
    `  front door                 ${local.url}  (flows: ${local.config.registration.flows.map((f) => f.join(' → ')).join(' | ')})`,
    '',
    'Try it:',
    `  curl -s -X POST ${register} -d '{"username":"alice","password":"correct horse battery"}'`,
    `  curl -s -X POST ${register} -d '{"auth":{"type":"m.login.terms","session":"<session from above>"}}'`,
    `  curl -s -X POST ${register} -d '{"auth":{"type":"m.login.dummy","session":"<session from above>"}}'`,
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startLocal().then(
    (local) => {
      process.stdout.write(banner(local));
      const shutdown = () => void local.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
