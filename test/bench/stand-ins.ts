/**
 * Everything one bench run talks to, started in this process: DynamoDB Local, the development homeserver
 * (answering at once), the SES mail catcher, and the front door itself behind @hono/node-server.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { serve } from '@hono/node-server';
import { parseTenantConfig, type TenantConfig, type TenantSecrets } from '../../functions/config/tenant-config.js';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { silentLogger } from '../../functions/model/log.js';
import { sesMailer } from '../../functions/adapters/ses/ses-mailer.js';
import type { Mailer } from '../../functions/ports/index.js';
import { createTenantTable } from '../../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../../local/dev-homeserver/index.js';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { startMailCatcher } from '../../local/mail-catcher.js';
import { DynamoCounter, HomeserverCounter } from './counting.js';

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

export interface Rig {
  /** The front door's base URL (a real HTTP server). */
  url: string;
  config: TenantConfig;
  /** The config as written, before parsing: what a Lambda would get in FRONT_DOOR_CONFIG_JSON. */
  configInput: Record<string, unknown>;
  secrets: TenantSecrets;
  dynamoEndpoint: string;
  mailUrl: string;
  homeserver: DevHomeserver;
  /** A client of its own for the floor and for set-up; the front door's calls are counted on another. */
  db: DynamoDBClient;
  dynamoCount: DynamoCounter;
  homeserverCount: HomeserverCounter;
  /** The text of the newest mail sent to `to` (kept as the mailer sends it). */
  lastMailText(to: string): string | undefined;
  stop(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    process.env.AWS_REGION ??= 'eu-west-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
      const dynamo = await startDynamoDbLocal();
      stops.push(dynamo.stop);
      process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    }
    const dynamoEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    const mail = await startMailCatcher();
    stops.push(mail.stop);
    process.env.AWS_ENDPOINT_URL_SES = mail.url;

    const homeserver = await startDevHomeserver({ serverName: SERVER_NAME, sharedSecret: SHARED_SECRET, adminToken: ADMIN_TOKEN });
    stops.push(homeserver.close);

    const db = new DynamoDBClient({});
    stops.push(async () => db.destroy());
    const tableName = `bench-${randomBytes(4).toString('hex')}`;
    await createTenantTable(db, tableName);
    const configInput = benchConfigInput(homeserver.url, tableName);
    const config = parseTenantConfig(configInput);
    const secrets: TenantSecrets = {
      registrationSharedSecret: SHARED_SECRET,
      homeserverAdminToken: ADMIN_TOKEN,
      encryptionKey: randomBytes(32),
    };

    const appDb = new DynamoDBClient({});
    stops.push(async () => appDb.destroy());
    const dynamoCount = new DynamoCounter();
    dynamoCount.attach(appDb);
    const homeserverCount = new HomeserverCounter();
    const ses = new SESClient({});
    stops.push(async () => ses.destroy());
    const mails = new Map<string, string>();
    const inner = sesMailer(ses, { from: MAIL_FROM });
    // The mail still goes through SES to the catcher; keeping its text here saves polling the catcher.
    const mailer: Mailer = {
      async send(m) {
        await inner.send(m);
        mails.set(m.to, m.text);
      },
    };
    const app = buildFrontDoor({ config, secrets, dynamo: appDb, mailer, log: silentLogger, fetch: homeserverCount.wrap() });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    stops.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    );
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      config,
      configInput,
      secrets,
      dynamoEndpoint,
      mailUrl: mail.url,
      homeserver,
      db,
      dynamoCount,
      homeserverCount,
      lastMailText: (to) => mails.get(to),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
