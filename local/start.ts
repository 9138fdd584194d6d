/**
 * `npm start`: the front door on this machine, with everything it needs started beside it unless real
 * ones are configured: DynamoDB Local (in memory), a development homeserver, a mail catcher (local SES)
 * and an SMS outbox (local SNS).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, secretsFromEnv, type TenantConfig } from '../functions/config/tenant-config.js';
import { prepareFrontDoor } from '../functions/compose/build.js';
import { jsonLogger, silentLogger } from '../functions/model/log.js';
import { sesMailer } from '../functions/adapters/ses/ses-mailer.js';
import { snsSmsSender } from '../functions/adapters/sns/sns-sms-sender.js';
import type { Mailer, SmsSender } from '../functions/ports/index.js';
import { answerClientErrorsAsMatrix } from './client-errors.js';
import { createTenantTable } from './create-table.js';
import { startDevHomeserver } from './dev-homeserver/index.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startMailCatcher } from './mail-catcher.js';
import { startSmsOutbox } from './sms-outbox/index.js';

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
    else if (!env.FRONT_DOOR_CONFIG) useRealHomeserver(raw, env);
    env.FRONT_DOOR_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');

    // Listen first: links in mails and the SMS submit_url must name the address the front door got.
    let app: Hono | undefined;
    const server = serve({
      // The node env carries the socket: without it every local client would be "unknown".
      fetch: (req, env) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 })),
      port: Number(raw.port ?? 8080),
      hostname: env.HOST ?? '127.0.0.1',
    });
    answerClientErrorsAsMatrix(server);
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    stops.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (raw.threepid && !env.FRONT_DOOR_CONFIG) raw.threepid.publicBaseUrl = env.PUBLIC_BASE_URL ?? url;

    const parsed = parseTenantConfig(raw);
    const secrets = secretsFromEnv(parsed, env);
    const db = await localDynamo(env, stops, started);
    await ensureTable(db, parsed.tableName);
    const { mailer, sms } = parsed.threepid ? await messaging(parsed, env, stops, started) : {};

    // The homeserver is probed first: flows it cannot serve are dropped (with a warning), or start-up fails.
    const prepared = await prepareFrontDoor({
      config: parsed,
      secrets,
      dynamo: db,
      mailer,
      sms,
      log: options.quiet ? silentLogger : jsonLogger(),
    });
    app = prepared.app;
    return { url, config: prepared.config, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Against a real homeserver without an admin token, the dev config drops what needs one (email and phone). */
function useRealHomeserver(raw: Record<string, any>, env: Env): void {
  raw.homeserver.mode = env.REGISTRATION_SHARED_SECRET ? 'shared_secret' : 'admin_api';
  if (env.HOMESERVER_ADMIN_TOKEN) return;
  delete raw.threepid;
  raw.registration.flows = raw.registration.flows.filter(
    (flow: string[]) => !flow.some((stage) => stage === 'm.login.email.identity' || stage === 'm.login.msisdn'),
  );
}

async function localDynamo(env: Env, stops: (() => Promise<void>)[], started: string[]): Promise<DynamoDBClient> {
  if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
    const dynamo = await startDynamoDbLocal();
    stops.push(dynamo.stop);
    env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    started.push(`DynamoDB Local (in memory) ${dynamo.endpoint}`);
  }
  const db = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, ...localAws(env) });
  stops.push(async () => db.destroy());
  return db;
}

/** A mail catcher and an SMS outbox on this machine, unless AWS_ENDPOINT_URL_SES / _SNS name real ones. */
async function messaging(
  config: TenantConfig,
  env: Env,
  stops: (() => Promise<void>)[],
  started: string[],
): Promise<{ mailer?: Mailer; sms?: SmsSender }> {
  let sesEndpoint = env.AWS_ENDPOINT_URL_SES;
  if (!sesEndpoint) {
    const mail = await startMailCatcher({ port: portOf(env.MAIL_CATCHER_PORT, 8005) }).catch(() => startMailCatcher());
    stops.push(mail.stop);
    sesEndpoint = mail.url;
    started.push(`mail catcher (local SES)   ${mail.url}  (open it in a browser to read the mails)`);
  }
  let snsEndpoint = env.AWS_ENDPOINT_URL_SNS;
  if (!snsEndpoint) {
    const outbox = await startSmsOutbox({ port: portOf(env.SMS_OUTBOX_PORT, 8006) }).catch(() => startSmsOutbox());
    stops.push(outbox.stop);
    snsEndpoint = outbox.url;
    started.push(`SMS outbox (local SNS)     ${outbox.url}  (open it in a browser to read the texts)`);
  }
  const ses = new SESClient({ endpoint: sesEndpoint, ...localAws(env) });
  const sns = new SNSClient({ endpoint: snsEndpoint, ...localAws(env) });
  stops.push(async () => {
    ses.destroy();
    sns.destroy();
  });
  const { email, msisdn } = config.threepid!;
  return {
    mailer: email && sesMailer(ses, { from: email.from }),
    sms: msisdn && snsSmsSender(sns, { senderId: msisdn.senderId }),
  };
}

const portOf = (raw: string | undefined, fallback: number) => (raw === undefined ? fallback : Number(raw));

/** Region and credentials for local stand-ins, unless real ones are configured. */
function localAws(env: Env) {
  return {
    region: env.AWS_REGION ?? 'local',
    ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
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
    // Only when a flow still verifies email (a homeserver without the 3PID lookup drops those flows).
    ...(local.config.threepid?.email && local.config.registration.flows.some((flow) => flow.includes('m.login.email.identity'))
      ? [
          '',
          'With an email address (the link arrives in the mail catcher):',
          `  curl -s -X POST ${local.url}/_matrix/client/v3/register/email/requestToken -d '{"client_secret":"my-secret-1","email":"alice@example.org","send_attempt":1}'`,
          `  curl -s -X POST ${register} -d '{"auth":{"type":"m.login.email.identity","session":"<session>","threepid_creds":{"sid":"<sid from above>","client_secret":"my-secret-1"}}}'`,
        ]
      : []),
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
