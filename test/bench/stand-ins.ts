/**
 * Everything one bench run talks to, started in this process: DynamoDB Local, the development homeserver
 * (answering at once), the SES mail catcher, and the front door itself behind @hono/node-server.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseTenantConfig, type TenantConfig } from '../../functions/config/tenant-config.js';
import type { TenantSecrets } from '../../functions/compose/tenant-secrets.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { silentLogger } from '../../functions/model/log.js';
import { sesMailer } from '../../functions/adapters/ses/ses-mailer.js';
import type { Mailer } from '../../functions/ports/index.js';
import type { DevHomeserver } from '../../local/dev-homeserver/index.js';
import { startSideProcess } from './side-process.js';
import { startStandIns } from '../../local/stand-ins.js';
import { DynamoCounter, HomeserverCounter } from './counting.js';
import { tableClient } from '../../functions/adapters/dynamodb/table-client.js';

export const SERVER_NAME = 'bench.local';
export const SHARED_SECRET = 'bench-shared-secret-0f3c';
export const ADMIN_TOKEN = 'syt_bench_admin_9d2e';
export const MAIL_FROM = 'Bench Chat <no-reply@bench.local>';

/** A tenant with both flows the bench drives: terms + dummy, and email + terms. */
export function benchConfigInput(homeserverUrl: string, tableName: string): Record<string, unknown> {
  const lots = { max: 1_000_000, windowSeconds: 3600 };
  return {
    serverName: SERVER_NAME,
    homeserver: { url: homeserverUrl, mode: 'shared_secret', timeoutMs: 10_000 },
    registration: {
      flows: [
        ['m.login.terms', 'm.login.dummy'],
        ['m.login.email.identity', 'm.login.terms'],
      ],
    },
    terms: { policies: { terms_of_service: { version: '1.0', en: { name: 'Terms of Service', url: 'https://bench.local/terms-1.0' } } } },
    threepid: {
      brandName: 'Bench Chat',
      publicBaseUrl: 'https://matrix.bench.local',
      email: { from: MAIL_FROM },
      // The bench sends thousands of tokens from one address: the limits must not be what it measures.
      rateLimits: { perAddress: lots, perClientIp: lots },
    },
    // Per-IP limits are on by default; every bench request comes from one address.
    rateLimits: { register: lots, available: lots, tokenValidity: lots },
    username: { holdsPerClientIp: 1_000_000 },
    tableName,
  };
}

/** The development homeserver, running in a process of its own (homeserver-process.ts). */
export type BenchHomeserver = Pick<DevHomeserver, 'url' | 'serverName'>;

export interface Rig {
  /** The front door's base URL (a real HTTP server). */
  url: string;
  /** Parsed as the stack parses it at synth: what a Lambda gets in FRONT_DOOR_CONFIG_JSON (cold-start.ts coldEnv). */
  config: TenantConfig;
  secrets: TenantSecrets;
  dynamoEndpoint: string;
  mailUrl: string;
  homeserver: BenchHomeserver;
  /** A client of its own for the floor and for set-up; the front door's calls are counted on another. */
  db: DynamoDBClient;
  dynamoCount: DynamoCounter;
  homeserverCount: HomeserverCounter;
  /** The text of the newest mail sent to `to` (kept as the mailer sends it). */
  lastMailText(to: string): string | undefined;
  stop(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  process.env.AWS_REGION ??= 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const tableName = `bench-${randomBytes(4).toString('hex')}`;
  // The bench reads its own mail catcher, whatever SES the environment names.
  const env = { ...process.env, AWS_ENDPOINT_URL_SES: undefined };
  const standIns = await startStandIns({ env, frontDoor: { dropConnectionsOnStop: true }, tableName, mail: {} });
  const stops = [standIns.stop];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    // In a process of its own: its password hashing is not the front door's CPU.
    const side = await startSideProcess<BenchHomeserver>('./homeserver-process.ts', {
      serverName: SERVER_NAME,
      sharedSecret: SHARED_SECRET,
      adminToken: ADMIN_TOKEN,
    });
    stops.push(side.stop);
    // The front door's own DynamoDB client (counted) and a Lambda's environment read these.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = standIns.dynamoEndpoint;
    process.env.AWS_ENDPOINT_URL_SES = standIns.mail!.url;
    const homeserver = side.first;
    const config = parseTenantConfig(benchConfigInput(homeserver.url, tableName));
    const secrets: TenantSecrets = {
      registrationSharedSecret: SHARED_SECRET,
      homeserverAdminToken: ADMIN_TOKEN,
      encryptionKey: randomBytes(32),
    };

    const appDb = tableClient();
    const dynamoCount = new DynamoCounter();
    dynamoCount.attach(appDb);
    const homeserverCount = new HomeserverCounter(homeserver.url);
    const mails = new Map<string, string>();
    const inner = sesMailer(standIns.ses!, { from: MAIL_FROM });
    // The mail still goes through SES to the catcher; keeping its text here saves polling the catcher.
    const mailer: Mailer = {
      async send(m) {
        await inner.send(m);
        mails.set(m.to, m.text);
      },
    };
    const app = buildFrontDoor({ config, secrets, dynamo: appDb, mailer, log: silentLogger });
    standIns.frontDoor!.serve(app);
    return {
      url: standIns.frontDoor!.url,
      config,
      secrets,
      dynamoEndpoint: standIns.dynamoEndpoint,
      mailUrl: standIns.mail!.url,
      homeserver,
      db: standIns.db,
      dynamoCount,
      homeserverCount,
      lastMailText: (to) => mails.get(to),
      async stop() {
        appDb.destroy();
        homeserverCount.stop();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
