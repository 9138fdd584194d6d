/**
 * `npm start`: the front door on this machine, with everything it needs started beside it unless real
 * ones are configured: DynamoDB Local (in memory), a development homeserver, a mail catcher (local SES),
 * an SMS outbox (local SNS) and a receiver of sign-up events (local EventBridge and webhook), with the
 * sweep that retries events on a timer.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { applyEnvOverrides, parseTenantConfig, readConfigFile, type TenantConfig } from '../functions/config/tenant-config.js';
import { secretsFromEnv } from '../functions/compose/tenant-secrets.js';
import { approvalExample } from './approval-example.js';
import { prepareFrontDoor } from '../functions/compose/build.js';
import { jsonLogger, silentLogger } from '../functions/model/log.js';
import { sesMailer } from '../functions/adapters/ses/ses-mailer.js';
import { snsSmsSender } from '../functions/adapters/sns/sns-sms-sender.js';
import { needsSweep } from '../functions/compose/sweep.js';
import { type Env, ensureTable, localAws, startStandIns } from './stand-ins.js';
import { startFunnelReader } from './funnel-reader.js';
import type { StreamReader } from './stream-reader.js';
import { startSweepTimer, type SweepTimer } from './sweep-timer.js';
import { type DevAdmin, makeDevAdmin } from './dev-admin.js';
import { CONSOLE_PATH } from '../functions/http/console/console-deps.js';
import { METRICS_PATH, startLocalSummary, withMetricsPage } from './metrics-page.js';
import { writeLocalOperatorKey } from './local-operator-key.js';

const DEV_CONFIG = fileURLToPath(new URL('./dev-config.json', import.meta.url));

export interface LocalFrontDoor {
  url: string;
  config: TenantConfig;
  started: string[];
  /** The sweep on its timer, when the tenant has anything to sweep. */
  sweep?: SweepTimer;
  /** The development homeserver's server admin (the operator console's sign-in), when that homeserver is started. */
  devAdmin?: DevAdmin;
  /** Where the operator key `npm start` made up is kept for `npm run operator` (none when a key was given). */
  operatorKeyFile?: string;
  /** Resolves once the funnel counter (reading the table's stream, as in AWS) has counted everything written so far. */
  countsSettled(): Promise<void>;
  stop(): Promise<void>;
}

/** How often `npm start` sweeps: a failed event delivery is first retried after 30 s. */
const SWEEP_INTERVAL_MS = 30_000;

/** `print`: where each arriving sign-up event (and each sweep that did something) is told, one line each. */
export async function startLocal(
  env: Env = process.env,
  options: { quiet?: boolean; print?: (line: string) => void } = {},
): Promise<LocalFrontDoor> {
  const print = options.print ?? (options.quiet ? () => undefined : (line: string) => void process.stdout.write(`${line}\n`));
  env = { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const raw = applyEnvOverrides(readConfigFile(env.FRONT_DOOR_CONFIG ?? DEV_CONFIG), env) as Record<string, any>;
  if (env.HOMESERVER_URL && !env.FRONT_DOOR_CONFIG) useRealHomeserver(raw, env);
  const homeserver = env.HOMESERVER_URL ? undefined : devHomeserver(raw, env);
  const example = await approvalExample(raw, env);
  // A made-up operator key is kept where `npm run operator` finds it (local/local-operator-key.ts).
  const madeKey = !env.FRONT_DOOR_OPERATOR_KEY;
  if (madeKey) env.FRONT_DOOR_OPERATOR_KEY = randomBytes(18).toString('base64url');
  const keyFile = madeKey && !options.quiet ? writeLocalOperatorKey(env, env.FRONT_DOOR_OPERATOR_KEY!) : undefined;
  env.FRONT_DOOR_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  // The dev config's events go to the local receiver; a config of one's own keeps its own destinations
  // (and, like the encryption key, a webhook secret is made up when none is given).
  const localEvents = raw.events && !env.FRONT_DOOR_CONFIG;
  if (raw.events?.webhook) env.FRONT_DOOR_EVENTS_WEBHOOK_SECRET ??= `whsec_${randomBytes(24).toString('base64')}`;
  const standIns = await startStandIns({
    env,
    homeserver,
    // Listen first: links in mails and the SMS submit_url must name the address the front door got.
    frontDoor: { port: Number(raw.port ?? 8080), hostname: env.HOST ?? '127.0.0.1' },
    mail: raw.threepid ? { port: portOf(env.MAIL_CATCHER_PORT, 8005) } : undefined,
    sms: raw.threepid ? { port: portOf(env.SMS_OUTBOX_PORT, 8006) } : undefined,
    events: localEvents
      ? { port: portOf(env.EVENT_RECEIVER_PORT, 8007), webhookSecret: env.FRONT_DOOR_EVENTS_WEBHOOK_SECRET, print }
      : undefined,
  });
  let sweep: SweepTimer | undefined;
  let funnel: StreamReader | undefined;
  try {
    const url = standIns.frontDoor!.url;
    if (standIns.homeserver) raw.homeserver = { ...raw.homeserver, url: standIns.homeserver.url };
    if (raw.threepid && !env.FRONT_DOOR_CONFIG) raw.threepid.publicBaseUrl = env.PUBLIC_BASE_URL ?? url;
    if (standIns.receiver && raw.events.webhook) raw.events.webhook.url = standIns.receiver.webhookUrl;
    const parsed = parseTenantConfig(raw);
    await ensureTable(standIns.db, parsed.tableName);
    const { email, msisdn } = parsed.threepid ?? {};
    // The homeserver is probed first: flows it cannot serve are dropped (with a warning), or start-up fails.
    const secrets = secretsFromEnv(parsed, env);
    const log = options.quiet ? silentLogger : jsonLogger();
    const prepared = await prepareFrontDoor({
      config: parsed,
      secrets,
      dynamo: standIns.db,
      eventBridge: standIns.eventBridge,
      mailer: email && standIns.ses && sesMailer(standIns.ses, { from: email.from }),
      sms: msisdn && standIns.sns && snsSmsSender(standIns.sns, { senderId: msisdn.senderId }),
      log,
    });
    standIns.frontDoor!.serve(withMetricsPage(prepared.app, { config: parsed, dynamo: standIns.db }));
    // The funnel's started, passed and completed are counted from the table's stream, as the funnel Lambda does.
    funnel = await startFunnelReader({
      config: prepared.config,
      aws: { endpoint: standIns.dynamoEndpoint, ...localAws(env) },
      log,
      idleMs: 1000,
    });
    const reader = funnel;
    const summary = { config: prepared.config, dynamo: standIns.db };
    const stopSummary = startLocalSummary(summary, parsed.observability.localSummarySeconds, print);
    const devAdmin =
      standIns.homeserver && env.HOMESERVER_ADMIN_TOKEN
        ? await makeDevAdmin(standIns.homeserver.url, parsed.serverName, env.HOMESERVER_ADMIN_TOKEN, env.DEV_ADMIN_PASSWORD)
        : undefined;
    const { config } = prepared;
    if (needsSweep(config)) {
      sweep = startSweepTimer({ config, dynamo: standIns.db, secrets, eventBridge: standIns.eventBridge, log }, SWEEP_INTERVAL_MS, print);
    }
    const stop = async () => {
      sweep?.stop();
      stopSummary();
      await reader.stop();
      await Promise.all([standIns.stop(), example?.stop()]);
    };
    const started = [...standIns.started, ...(example?.started ?? [])];
    const kept = keyFile ? { operatorKeyFile: keyFile } : {};
    const countsSettled = () => reader.settled();
    return { url, config, started, ...kept, ...(sweep ? { sweep } : {}), ...(devAdmin ? { devAdmin } : {}), countsSettled, stop };
  } catch (error) {
    sweep?.stop();
    await funnel?.stop();
    await Promise.all([standIns.stop(), example?.stop()]);
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

/** The development homeserver's options: the secrets made up unless given, on the port the config names. */
function devHomeserver(raw: Record<string, any>, env: Env) {
  env.REGISTRATION_SHARED_SECRET ??= randomBytes(24).toString('base64url');
  env.HOMESERVER_ADMIN_TOKEN ??= `syt_dev_admin_${randomBytes(12).toString('base64url')}`;
  const wanted = Number(new URL(raw.homeserver?.url ?? 'http://127.0.0.1:8008').port || 8008);
  return {
    serverName: raw.serverName,
    sharedSecret: env.REGISTRATION_SHARED_SECRET,
    adminToken: env.HOMESERVER_ADMIN_TOKEN,
    port: env.DEV_HOMESERVER_PORT ? Number(env.DEV_HOMESERVER_PORT) : wanted,
  };
}

const portOf = (raw: string | undefined, fallback: number) => (raw === undefined ? fallback : Number(raw));

export function banner(local: LocalFrontDoor): string {
  const register = `${local.url}/_matrix/client/v3/register`;
  return [
    '',
    'Matrix front door is running.',
    ...local.started.map((s) => `  started ${s}`),
    `  front door                 ${local.url}  (flows: ${local.config.registration.flows.map((f) => f.join(' → ')).join(' | ')})`,
    ...(local.config.pages
      ? ['', 'Sign up in a browser (mails arrive in the mail catcher above):', `  ${local.url}${local.config.pages.path}`]
      : []),
    '',
    'The operator console (sign in with the operator key, or as the development server admin):',
    `  ${local.url}${CONSOLE_PATH}`,
    ...(local.devAdmin ? [`  user ${local.devAdmin.userId}  password ${local.devAdmin.password}`] : []),
    '',
    'The sign-up funnel (Prometheus text; a summary line is printed below as it changes):',
    `  ${local.url}${METRICS_PATH}`,
    '',
    `Live switches and counters from a terminal (key ${local.operatorKeyFile ? `kept in ${local.operatorKeyFile}` : 'from FRONT_DOOR_OPERATOR_KEY'}):`,
    '  npm run operator -- switches | switch close-registration on|off | counters --hours 24',
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
