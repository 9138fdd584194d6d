/**
 * A front door on a fresh table of the shared DynamoDB Local, in front of a development homeserver
 * over real HTTP; logs are captured so tests can read them.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Hono } from 'hono';
import { parseTenantConfig, type TenantConfig } from '../../functions/config/tenant-config.js';
import type { TenantSecrets } from '../../functions/compose/tenant-secrets.js';
import { buildFrontDoor, prepareFrontDoor, type FrontDoorParts } from '../../functions/compose/build.js';
import { jsonLogger } from '../../functions/model/log.js';
import type { Clock, Mailer, SmsSender } from '../../functions/ports/index.js';
import { sesMailer } from '../../functions/adapters/ses/ses-mailer.js';
import { snsSmsSender } from '../../functions/adapters/sns/sns-sms-sender.js';
import type { DevHomeserver } from '../../local/dev-homeserver/index.js';
import type { MailCatcher } from '../../local/mail-catcher.js';
import type { SmsOutbox } from '../../local/sms-outbox/index.js';
import { localAws, startStandIns } from '../../local/stand-ins.js';
import { startFunnelReader } from '../../local/funnel-reader.js';
import { type Answer, send } from './client.js';
import { ADMIN_TOKEN, LOOSE_RATE_LIMITS, REGISTER, SHARED_SECRET, TERMS } from './constants.js';
import { TestClock } from './test-clock.js';

export type { Answer } from './client.js';
export { ADMIN_TOKEN, LOOSE_RATE_LIMITS, REGISTER, SHARED_SECRET, TERMS, THREEPID } from './constants.js';

export type Mode = TenantConfig['homeserver']['mode'];

export interface HarnessOptions {
  /**
   * The funnel counted from the table's stream, as the funnel function does in AWS (`countsSettled`). Only for tests
   * that read those counts: DynamoDB Local works in the background for every stream, and a run holds hundreds.
   */
  counts?: boolean;
  mode?: Mode;
  config?: Record<string, unknown>;
  clock?: Clock;
  fetch?: typeof fetch;
  /** In shared-secret mode, whether the front door also has an admin token for username checks. */
  withAdminToken?: boolean;
  /**
   * Starts the local mail catcher and SMS outbox (reached through AWS_ENDPOINT_URL_SES / _SNS) and serves
   * the front door over real HTTP, so links in mails can be followed; `threepid.publicBaseUrl` points there.
   */
  messaging?: boolean;
  /** Extra secrets (the operator key, the captcha secret). */
  secrets?: Partial<TenantSecrets>;
  /** How long a homeserver call may take (default 5 s; fault tests shorten it so a slow homeserver times out fast). */
  homeserverTimeoutMs?: number;
  /** Wraps the mailer or SMS sender, to inject faults. */
  wrapMailer?: (mailer: Mailer) => Mailer;
  wrapSms?: (sms: SmsSender) => SmsSender;
  /** Starts as `npm start` and the Lambdas do: the homeserver is probed and the config fitted to it (prepareFrontDoor). */
  probe?: boolean;
  /** The stand-in behaves like a stock Synapse 1.67: no admin 3PID lookup. */
  stock167?: boolean;
  /** A real homeserver (Synapse) instead of the stand-in: its URL and the secrets it accepts; `homeserver` is then unusable. */
  realHomeserver?: { url: string; sharedSecret?: string; adminToken?: string };
}

export interface Harness {
  app: Hono;
  config: TenantConfig;
  homeserver: DevHomeserver;
  clock: Clock;
  db: DynamoDBClient;
  logs: string[];
  secrets: TenantSecrets;
  mail?: MailCatcher;
  outbox?: SmsOutbox;
  /** The front door's own HTTP address, when `messaging` is on. */
  url?: string;
  post(path: string, body: unknown, init?: RequestInit): Promise<Answer>;
  get(path: string): Promise<Answer>;
  /** Every item in the tenant table, as plain objects. */
  items(): Promise<Record<string, unknown>[]>;
  /**
   * Resolves once the funnel counter (fed by the table's stream, as in AWS) has counted everything written so
   * far: await it before reading started, passed or completed. Rejects when that takes more than 10 s.
   */
  countsSettled(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mode = options.mode ?? 'shared_secret';
  const real = options.realHomeserver;
  const tableName = `test-${randomBytes(6).toString('hex')}`;
  // The run's DynamoDB Local (test/support/global-setup.ts); the harness always has SES and SNS of its own.
  const env = { ...process.env, AWS_ENDPOINT_URL_SES: undefined, AWS_ENDPOINT_URL_SNS: undefined };
  const standIns = await startStandIns({
    env,
    homeserver: real
      ? undefined
      : { serverName: 'localhost', sharedSecret: SHARED_SECRET, adminToken: ADMIN_TOKEN, stock167: options.stock167 },
    tableName,
    // One try: a fault injected in a test should reach the front door, not be retried away by the SDK.
    ...(options.messaging ? { mail: {}, sms: {}, frontDoor: { dropConnectionsOnStop: true }, maxAttempts: 1 } : {}),
  });
  if (options.messaging) {
    process.env.AWS_ENDPOINT_URL_SES = env.AWS_ENDPOINT_URL_SES;
    process.env.AWS_ENDPOINT_URL_SNS = env.AWS_ENDPOINT_URL_SNS;
  }
  const { db, frontDoor } = standIns;
  const homeserver = standIns.homeserver ?? notStarted();
  const given = options.config as { threepid?: Record<string, unknown> } | undefined;
  const threepid = given?.threepid && frontDoor ? { publicBaseUrl: frontDoor.url, ...given.threepid } : given?.threepid;
  const config = parseTenantConfig({
    serverName: 'localhost',
    homeserver: { url: real?.url ?? homeserver.url, mode, timeoutMs: options.homeserverTimeoutMs ?? 5000 },
    registration: { flows: [['m.login.terms', 'm.login.dummy']] },
    terms: TERMS,
    tableName,
    // Tests send many calls from one client: the default per-IP limits are not what they test.
    rateLimits: LOOSE_RATE_LIMITS,
    // Nor is the cap on names held per client IP (every test client is one IP).
    username: { holdsPerClientIp: 1_000_000 },
    ...options.config,
    ...(threepid ? { threepid } : {}),
  });
  const secrets: TenantSecrets = {
    registrationSharedSecret: real ? real.sharedSecret : SHARED_SECRET,
    homeserverAdminToken: real ? real.adminToken : mode === 'admin_api' || options.withAdminToken !== false ? ADMIN_TOKEN : undefined,
    encryptionKey: randomBytes(32),
    ...options.secrets,
  };
  const logs: string[] = [];
  const clock = options.clock ?? new TestClock();
  const mailer = standIns.ses && sesMailer(standIns.ses, { from: config.threepid?.email?.from ?? 'Example Chat <no-reply@example.org>' });
  const sms = standIns.sns && snsSmsSender(standIns.sns, { senderId: config.threepid?.msisdn?.senderId });
  const build = options.probe ? async (parts: FrontDoorParts) => (await prepareFrontDoor(parts)).app : buildFrontDoor;
  const app = await build({
    config,
    secrets,
    dynamo: db,
    clock,
    log: jsonLogger((line) => logs.push(line)),
    fetch: options.fetch,
    mailer: mailer && (options.wrapMailer ? options.wrapMailer(mailer) : mailer),
    sms: sms && (options.wrapSms ? options.wrapSms(sms) : sms),
  });
  frontDoor?.serve(app);
  const log = jsonLogger((line) => logs.push(line));
  // Read when a test asks (countsSettled), not polled: a poll per harness kept DynamoDB Local busy all run long.
  const funnel = options.counts
    ? await startFunnelReader({ config, aws: { endpoint: standIns.dynamoEndpoint, ...localAws(env) }, clock, log, poll: false })
    : undefined;
  return {
    app,
    config,
    homeserver,
    clock,
    db,
    logs,
    secrets,
    mail: standIns.mail,
    outbox: standIns.outbox,
    url: frontDoor?.url,
    post: (path, body, init = {}) => send(app, path, { method: 'POST', body, headers: { 'content-type': 'application/json' }, init }),
    get: (path) => send(app, path, { method: 'GET' }),
    async items() {
      const out = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
      return (out.Items ?? []).map((item) => unmarshall(item));
    },
    countsSettled: () =>
      funnel ? funnel.settled() : Promise.reject(new Error('the funnel is counted only in a harness started with { counts: true }')),
    close: async () => {
      await funnel?.stop();
      // DynamoDB Local keeps working for every table with a stream (~0.5% of a core each, idle): tables a run
      // leaves behind by the hundred slowed the whole suite.
      await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      await standIns.stop();
    },
  };
}

/** Stands for the stand-in homeserver when the harness talks to a real one: any use of it is a test bug. */
function notStarted(): DevHomeserver {
  return new Proxy({} as DevHomeserver, {
    get: (_target, key) => {
      throw new Error(`harness.homeserver.${String(key)}: this harness talks to a real homeserver, not the stand-in`);
    },
  });
}

/** Runs the flow terms → dummy for `username` and returns the final answer. */
export async function registerThroughTermsAndDummy(h: Harness, username: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const first = await h.post(REGISTER, { username, password: 'correct horse battery', ...extra });
  if (first.status !== 401) return first;
  const session = first.body.session;
  const terms = await h.post(REGISTER, { auth: { type: 'm.login.terms', session } });
  if (terms.status !== 401) return terms;
  return h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
}

/** The link in the newest mail to `to`, as a URL. */
export async function linkInMail(h: Harness, to: string): Promise<URL> {
  const mails = (await h.mail!.mails()).filter((m) => m.to.includes(to));
  const text = mails.at(-1)?.text ?? '';
  const link = text.match(/https?:\/\/\S+submit_token\S+/)?.[0];
  if (!link) throw new Error(`no link in a mail to ${to}`);
  return new URL(link);
}

/** The 6-digit code in the newest SMS to `to` (E.164). */
export function codeInSms(h: Harness, to: string): string {
  const body =
    h
      .outbox!.messages()
      .filter((m) => m.to === to)
      .at(-1)?.body ?? '';
  const code = body.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no code in an SMS to ${to}`);
  return code;
}
