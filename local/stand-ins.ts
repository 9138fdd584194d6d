/**
 * The one stand-in boot, shared by `npm start` (local/start.ts), the test harness and the bench: it starts
 * on this machine what a front door needs and no real one is given for, and stops it all again.
 */
import type { AddressInfo } from 'node:net';
import { DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { answerClientErrorsAsMatrix } from './client-errors.js';
import { createTenantTable } from './create-table.js';
import { type DevHomeserver, type DevHomeserverOptions, startDevHomeserver } from './dev-homeserver/index.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { type EventReceiver, startEventReceiver } from './event-receiver/index.js';
import { type MailCatcher, startMailCatcher } from './mail-catcher.js';
import { type SmsOutbox, startSmsOutbox } from './sms-outbox/index.js';
import { tableClient } from '../functions/adapters/dynamodb/table-client.js';
import { unhurriedHandler } from '../functions/adapters/aws/http-handler.js';

export type Env = Record<string, string | undefined>;

export interface StandInOptions {
  /**
   * Read for AWS_ENDPOINT_URL_DYNAMODB / _SES / _SNS (a real or already running service is used instead of
   * a stand-in), AWS_REGION and AWS_ACCESS_KEY_ID; the address of each stand-in started is written back.
   */
  env: Env;
  /** The development homeserver; leave out when a real homeserver is used. */
  homeserver?: DevHomeserverOptions;
  /** The front door's own HTTP server, listening before the app exists (links must name its address). */
  frontDoor?: { port?: number; hostname?: string; dropConnectionsOnStop?: boolean };
  /** The tenant table, made on the DynamoDB when it is not there yet (or later, with `ensureTable`). */
  tableName?: string;
  /** The mail catcher (local SES), on `port` when it is free, else on any port. */
  mail?: { port?: number };
  /** The SMS outbox (local SNS), on `port` when it is free, else on any port. */
  sms?: { port?: number };
  /**
   * The sign-up event receiver (EventBridge's PutEvents and the webhook), on `port` when it is free, else
   * on any port; it checks webhook signatures with `webhookSecret` and hands each event to `print`.
   */
  events?: { port?: number; webhookSecret?: string; print?: (line: string) => void };
  /** Attempts of the SES and SNS clients (the SDK's default unless given). */
  maxAttempts?: number;
}

export interface FrontDoorServer {
  url: string;
  /** Hands requests to the app from now on (503 until then). */
  serve(app: Hono): void;
}

export interface StandIns {
  dynamoEndpoint: string;
  /** A client on the table's DynamoDB. */
  db: DynamoDBClient;
  homeserver?: DevHomeserver;
  frontDoor?: FrontDoorServer;
  /** Only when started here (not when the env named an endpoint). */
  mail?: MailCatcher;
  outbox?: SmsOutbox;
  ses?: SESClient;
  sns?: SNSClient;
  /** The event receiver, and an EventBridge client on it (or on AWS_ENDPOINT_URL_EVENTBRIDGE when set). */
  receiver?: EventReceiver;
  eventBridge?: EventBridgeClient;
  /** One line per stand-in started, for `npm start`'s banner. */
  started: string[];
  /** Stops everything started, the last first; never throws. */
  stop(): Promise<void>;
}

type Stops = (() => Promise<void>)[];

export async function startStandIns(options: StandInOptions): Promise<StandIns> {
  const { env } = options;
  const stops: Stops = [];
  const started: string[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const homeserver = options.homeserver && (await startDevHomeserver(options.homeserver));
    if (homeserver) {
      stops.push(() => homeserver.close());
      started.push(`development homeserver     ${homeserver.url}  (server name ${homeserver.serverName})`);
    }
    const frontDoor = options.frontDoor && (await listen(options.frontDoor, stops));
    if (!env.AWS_ENDPOINT_URL_DYNAMODB) {
      const dynamo = await startDynamoDbLocal();
      stops.push(dynamo.stop);
      env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
      started.push(`DynamoDB Local (in memory) ${dynamo.endpoint}`);
    }
    const dynamoEndpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
    const db = tableClient({ endpoint: dynamoEndpoint, ...localAws(env) });
    stops.push(async () => db.destroy());
    if (options.tableName) await ensureTable(db, options.tableName);

    const messaging = await startMessaging(options, stops, started);
    const events = options.events && (await startEvents(options.events, env, stops, started));
    return { dynamoEndpoint, db, homeserver, frontDoor, ...messaging, ...events, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The mail catcher and the SMS outbox when asked for, unless the env names an SES or SNS; a client for each. */
async function startMessaging(options: StandInOptions, stops: Stops, started: string[]) {
  const { env } = options;
  const aws = { ...localAws(env), ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
  const out: Pick<StandIns, 'mail' | 'outbox' | 'ses' | 'sns'> = {};
  if (options.mail) {
    const { standIn, client } = await standInOrNamed(MAIL_CATCHER, options.mail.port, aws, env, stops, started);
    if (standIn) out.mail = standIn;
    out.ses = client;
  }
  if (options.sms) {
    const { standIn, client } = await standInOrNamed(SMS_OUTBOX, options.sms.port, aws, env, stops, started);
    if (standIn) out.outbox = standIn;
    out.sns = client;
  }
  return out;
}

/** The event receiver, and an EventBridge client on it unless the env names an EventBridge endpoint. */
async function startEvents(options: NonNullable<StandInOptions['events']>, env: Env, stops: Stops, started: string[]) {
  const start = (port: number) => startEventReceiver({ port, webhookSecret: options.webhookSecret, print: options.print });
  const receiver = await start(options.port ?? 0).catch(() => start(0));
  stops.push(receiver.stop);
  env.AWS_ENDPOINT_URL_EVENTBRIDGE ||= receiver.url;
  const eventBridge = new EventBridgeClient({
    endpoint: env.AWS_ENDPOINT_URL_EVENTBRIDGE,
    ...localAws(env),
    requestHandler: unhurriedHandler(),
  });
  stops.push(async () => eventBridge.destroy());
  started.push(`event receiver             ${receiver.url}  (EventBridge PutEvents, and the webhook at /webhook; events are printed)`);
  return { receiver, eventBridge };
}

type AwsClientConfig = ReturnType<typeof localAws> & { endpoint?: string; maxAttempts?: number };

/** A local stand-in for one messaging service, and a client of that service. */
interface MessagingService<S, C> {
  /** Names a real (or already running) endpoint; then no stand-in is started. */
  endpointVar: 'AWS_ENDPOINT_URL_SES' | 'AWS_ENDPOINT_URL_SNS';
  start(opts?: { port?: number }): Promise<S>;
  banner(url: string): string;
  client(config: AwsClientConfig): C;
}

const MAIL_CATCHER: MessagingService<MailCatcher, SESClient> = {
  endpointVar: 'AWS_ENDPOINT_URL_SES',
  start: startMailCatcher,
  banner: (url) => `mail catcher (local SES)   ${url}  (open it in a browser to read the mails)`,
  // The functions' own transport, as the Lambda bundles have it (issue 18).
  client: (config) => new SESClient({ ...config, requestHandler: unhurriedHandler() }),
};

const SMS_OUTBOX: MessagingService<SmsOutbox, SNSClient> = {
  endpointVar: 'AWS_ENDPOINT_URL_SNS',
  start: startSmsOutbox,
  banner: (url) => `SMS outbox (local SNS)     ${url}  (open it in a browser to read the texts)`,
  client: (config) => new SNSClient({ ...config, requestHandler: unhurriedHandler() }),
};

/**
 * The service's stand-in, on `port` when it is free, else on any port, unless the env names an endpoint
 * already; either way, a client on that endpoint. Both are stopped with the rest.
 */
async function standInOrNamed<S extends { url: string; stop(): Promise<void> }, C extends { destroy(): void }>(
  service: MessagingService<S, C>,
  port: number | undefined,
  aws: AwsClientConfig,
  env: Env,
  stops: Stops,
  started: string[],
): Promise<{ standIn?: S; client: C }> {
  let standIn: S | undefined;
  if (!env[service.endpointVar]) {
    standIn = await service.start({ port: port ?? 0 }).catch(() => service.start());
    stops.push(standIn.stop);
    env[service.endpointVar] = standIn.url;
    started.push(service.banner(standIn.url));
  }
  const client = service.client({ endpoint: env[service.endpointVar], ...aws });
  stops.push(async () => client.destroy());
  return { standIn, client };
}

/** Region and credentials for local stand-ins, unless real ones are configured. */
export function localAws(env: Env) {
  return {
    region: env.AWS_REGION ?? 'local',
    ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
}

/** Makes the tenant table unless it is there. */
export async function ensureTable(db: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await createTenantTable(db, tableName);
  }
}

async function listen(options: NonNullable<StandInOptions['frontDoor']>, stops: Stops): Promise<FrontDoorServer> {
  let app: Hono | undefined;
  const server = serve({
    // The node env carries the socket: without it every local client would be "unknown".
    fetch: (req, nodeEnv) => (app ? app.fetch(req, nodeEnv) : new Response('starting', { status: 503 })),
    port: options.port ?? 0,
    hostname: options.hostname ?? '127.0.0.1',
  });
  answerClientErrorsAsMatrix(server);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Tests and the bench stop at once; `npm start` lets the requests under way finish.
        if (options.dropConnectionsOnStop) (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve: (built) => void (app = built),
  };
}
