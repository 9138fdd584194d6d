/**
 * The front door for one tenant: table, secrets, one function per privilege, HTTP API, alarms and dashboard,
 * and the options: a network for the functions that call the homeserver, CDNs, DNS.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { checkedConfigEnv } from '../functions/config/checked-config.js';
import { needsSweep } from '../functions/compose/sweep.js';
import { signupsMayWait } from '../functions/policy/approval-settings.js';
import { SES_CONFIGURATION_SET_VARIABLE } from '../functions/entries/senders.js';
import { LOOKUP_FUNCTION_VARIABLE } from '../functions/entries/owner-lookup.js';
import { ORIGIN_HEADER_VARIABLE } from '../functions/entries/cold-start.js';
import { FunnelCounter } from './funnel-counter.js';
import { FrontDoorAlarms, type AlarmSettings } from './front-door-alarms.js';
import { FrontDoorApi } from './front-door-api.js';
import { FrontDoorCdn } from './front-door-cdn.js';
import { FrontDoorDashboard } from './front-door-dashboard.js';
import { FrontDoorDns } from './front-door-dns.js';
import { FrontDoorFunction } from './front-door-function.js';
import { grantFrontDoor } from './front-door-grants.js';
import { FrontDoorNetwork } from './front-door-network.js';
import { type NetworkedFunction, runsInNetwork } from './homeserver-callers.js';
import { FrontDoorSweep } from './front-door-sweep.js';
import { HomeserverCdn } from './homeserver-cdn.js';
import { MailEvents } from './mail-events.js';
import { FUNCTION_ENTRIES, type FunctionName } from './routes.js';
import { SessionTable } from './session-table.js';
import { SmsDeliveryLogging } from './sms-delivery-logging.js';
import type { FrontDoorCdnSettings, Network } from './tenant-file-network.js';
import { TenantSecrets } from './tenant-secret.js';
import { functionTimeouts } from './timeouts.js';

export interface FrontDoorProps {
  tenantName: string;
  /** Already validated (parseTenantConfig, flowSetFromConfig and tenant-checks.ts): the functions get it as it is. */
  config: TenantConfig;
  /** The API's custom domain; its certificate is given, or made by the stack in `hostedZone`. */
  domain?: { domainName: string; certificateArn?: string };
  hostedZone?: { zoneId: string; zoneName: string };
  /** The verified SES identity the tenant's `threepid.email.from` sends as; required when the config sends mail. */
  email?: { identityArn: string };
  /** Required when the config sends SMS: the account's month-to-date spend and failed deliveries raise alarms. */
  sms?: {
    monthlySpendAlarmUsd: number;
    failedDeliveriesAlarm: number;
    /** Account-wide: SNS's SMS delivery-status logging, set by this stack (sms-delivery-logging.ts). */
    deliveryStatusLogging?: { successSamplingPercent: number; failureLogGroupExists: boolean };
  };
  logRetention: logs.RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
  alarms: AlarmSettings;
  homeserverCdn?: {
    originUrl?: string;
    domainName?: string;
    certificateArn?: string;
    webAclArn?: string;
    priceClass: cloudfront.PriceClass;
    originReadTimeoutSeconds: number;
    originKeepaliveSeconds: number;
  };
  /** Where the functions that call the homeserver run (infra/homeserver-callers.ts: from the tenant's routes). */
  network?: Network;
  frontDoorCdn?: FrontDoorCdnSettings;
  /** `iam`: API Gateway checks a SigV4 signature on the operator routes, before the function checks the key. */
  operatorAuth: 'key' | 'iam';
}

/**
 * Lambda keeps at most 4 KB of environment; the config shares it with the other variables, its own digest among
 * them (88 bytes with its name): what is left for the rest is what it was before the digest.
 */
const MAX_CONFIG_BYTES = 3072 - 88;

const DESCRIPTIONS: Record<FunctionName, string> = {
  register: 'creates accounts; reads the homeserver credential',
  lookup: 'internal owner lookup for the senders; reads the homeserver credential',
  pages: 'UIA fallback, sign-up and forgot-password pages; reads the homeserver credential',
  email: 'sends verification mail through SES',
  sms: 'sends verification SMS through SNS',
  checks: 'submit_token, token validity, CORS preflights',
  admin: 'operator API; reads the operator key (and the homeserver credential when sign-ups wait for approval)',
  meter: 'the sign-up page password strength meter',
  account: 'password reset and addresses added after sign-up; reads the homeserver credential',
};

export { senderAddress } from './sender-address.js';

/**
 * The functions by name: email and sms (and the lookup they ask) exist only when the tenant's config sends
 * mail or SMS, meter with the sign-up page; sweep (no HTTP route) only when the tenant has sign-up events,
 * onboarding or sign-ups that wait for a decision.
 */
export type FrontDoorFunctions = Partial<Record<FunctionName | 'sweep', FrontDoorFunction>> &
  Record<'register' | 'pages' | 'checks' | 'admin' | 'account', FrontDoorFunction>;

export class FrontDoor extends Construct {
  readonly table: SessionTable['table'];
  readonly secrets: TenantSecrets;
  readonly functions: FrontDoorFunctions;
  readonly network?: FrontDoorNetwork;
  /** Counts the funnel from the table's stream: sign-ups started, stages passed, accounts made, sessions abandoned. */
  readonly funnel: FunnelCounter;
  readonly mailEvents?: MailEvents;
  readonly smsLogging?: SmsDeliveryLogging;
  readonly api: FrontDoorApi;
  readonly cdn?: HomeserverCdn;
  readonly frontDoorCdn?: FrontDoorCdn;
  readonly alarms: FrontDoorAlarms;
  readonly dashboard: FrontDoorDashboard;
  /** The base URL clients use: a CDN, else the custom domain, else the API. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    const { config } = props;
    this.table = new SessionTable(this, 'Sessions').table;
    this.secrets = new TenantSecrets(this, 'Secrets', {
      tenantName: props.tenantName,
      eventsWebhook: Boolean(config.events?.webhook),
      originSecret: Boolean(props.frontDoorCdn),
    });
    if (config.threepid?.email) this.mailEvents = new MailEvents(this, 'MailEvents', { tenantName: props.tenantName });
    const smsLogging = props.sms?.deliveryStatusLogging;
    if (smsLogging)
      this.smsLogging = new SmsDeliveryLogging(this, 'SmsDeliveryLogging', { ...smsLogging, logRetention: props.logRetention });
    if (props.network) this.network = this.makeNetwork(props, props.network);
    // The config as parsed here, with its digest: each function takes it as it is, without parsing it again.
    const configEnv = checkedConfigEnv(config);
    this.functions = this.makeFunctions(props, configEnv);
    grantFrontDoor(this, props);
    this.funnel = new FunnelCounter(this, 'Funnel', {
      tenantName: props.tenantName,
      config,
      table: this.table,
      environment: {
        FRONT_DOOR_TENANT: props.tenantName,
        ...configEnv,
        TABLE_NAME: this.table.tableName,
      },
      logRetention: props.logRetention,
      timeout: Duration.millis(functionTimeouts(config).timeoutsMs.funnel),
    });
    // Without a NAT the functions inside reach AWS through endpoints: one for each service their roles may call.
    this.network?.coverCalls(
      Object.entries(this.functions)
        .filter(([name]) => runsInNetwork(name as NetworkedFunction, config))
        .map(([name, fn]) => ({ name, role: fn!.role })),
    );
    const lambdas = this.lambdas();
    const dns = new FrontDoorDns(this, 'Dns', props);

    this.api = new FrontDoorApi(this, 'Http', {
      tenantName: props.tenantName,
      // A medium the tenant does not offer goes to the table-only function, which answers a Matrix 404.
      functionFor: (name) => lambdas[name] ?? lambdas.checks!,
      logRetention: props.logRetention,
      throttle: props.throttle,
      ...(dns.apiDomain ? { domain: dns.apiDomain } : {}),
      // With a CDN in front, its origin is the execute-api URL; without one, a custom domain is the only way in.
      disableExecuteApiEndpoint: Boolean(props.domain) && !props.homeserverCdn && !props.frontDoorCdn,
      ...(config.pages ? { pagesPath: config.pages.path } : {}),
      ...(config.pages && config.recovery ? { resetPagePath: config.recovery.pagePath } : {}),
      operatorAuth: props.operatorAuth,
    });
    this.cdn = this.homeserverCdn(props);
    if (props.frontDoorCdn) {
      this.frontDoorCdn = new FrontDoorCdn(this, 'FrontDoorCdn', {
        ...props.frontDoorCdn,
        frontDoorEndpoint: this.api.api.apiEndpoint,
        originSecret: this.secrets.origin!,
        ...(config.pages ? { pagesPath: config.pages.path } : {}),
        // Clients that verify addresses here also reset passwords and add addresses here, with their access token.
        account: Boolean(config.threepid),
      });
    }
    dns.addAliases(
      {
        ...(this.api.domainName ? { api: this.api.domainName } : {}),
        ...(this.cdn ? { homeserverCdn: this.cdn.distribution } : {}),
        ...(this.frontDoorCdn ? { frontDoorCdn: this.frontDoorCdn.distribution } : {}),
      },
      props,
    );
    this.publicUrl = this.publicUrlOf(props);

    this.alarms = new FrontDoorAlarms(this, 'Alarms', {
      tenantName: props.tenantName,
      api: this.api.api,
      accessLogs: this.api.accessLogs,
      functions: { ...lambdas, funnel: this.funnel.function.function },
      settings: props.alarms,
      ...(props.sms ? { sms: { ...props.sms, ...(this.smsLogging ? { failures: this.smsLogging.failures } : {}) } } : {}),
      ...(this.mailEvents ? { mailEvents: this.mailEvents } : {}),
    });
    this.dashboard = new FrontDoorDashboard(this, 'Dashboard', {
      tenantName: props.tenantName,
      config,
      api: this.api.api,
      accessLogs: this.api.accessLogs,
      tooManyRequests: this.alarms.tooManyRequests,
    });
  }

  /** The Lambda functions by name. */
  lambdas(): Partial<Record<FunctionName, lambda.IFunction>> & Record<string, lambda.IFunction> {
    return Object.fromEntries(Object.entries(this.functions).map(([name, f]) => [name, f!.function]));
  }

  private homeserverCdn(props: FrontDoorProps): HomeserverCdn | undefined {
    if (!props.homeserverCdn) return undefined;
    const { config } = props;
    const { originUrl, ...cdn } = props.homeserverCdn;
    return new HomeserverCdn(this, 'Cdn', {
      ...cdn,
      homeserverUrl: originUrl ?? config.homeserver.url,
      frontDoorEndpoint: this.api.api.apiEndpoint,
      ...(config.pages ? { pagesPath: config.pages.path } : {}),
      // The front door verifies addresses, so it answers password resets and address additions too.
      ...(config.threepid ? { account: config.pages && config.recovery ? { resetPagePath: config.recovery.pagePath } : {} } : {}),
    });
  }

  private publicUrlOf(props: FrontDoorProps): string {
    if (this.cdn) return `https://${props.homeserverCdn?.domainName ?? this.cdn.distribution.distributionDomainName}`;
    if (this.frontDoorCdn) return `https://${props.frontDoorCdn?.domainName ?? this.frontDoorCdn.distribution.distributionDomainName}`;
    return props.domain ? `https://${props.domain.domainName}` : this.api.api.apiEndpoint;
  }

  private makeFunctions(props: FrontDoorProps, configEnv: ReturnType<typeof checkedConfigEnv>): FrontDoorFunctions {
    const configJson = configEnv.FRONT_DOOR_CONFIG_JSON;
    if (Buffer.byteLength(configJson) > MAX_CONFIG_BYTES) {
      throw new Error(
        `tenant "${props.tenantName}": frontDoor config is ${Buffer.byteLength(configJson)} bytes as JSON; Lambda's environment holds ${MAX_CONFIG_BYTES}`,
      );
    }
    const { timeoutsMs } = functionTimeouts(props.config);
    const shared = { FRONT_DOOR_TENANT: props.tenantName, ...configEnv, TABLE_NAME: this.table.tableName };
    // Only ARNs: each function fetches the values at cold start.
    const keys: Record<string, string> = {
      FRONT_DOOR_KEYS_SECRET_ARN: this.secrets.keys.secretArn,
      ...(this.secrets.origin && props.frontDoorCdn
        ? { FRONT_DOOR_ORIGIN_SECRET_ARN: this.secrets.origin.secretArn, [ORIGIN_HEADER_VARIABLE]: props.frontDoorCdn.originHeader }
        : {}),
    };
    const mail: Record<string, string> = this.mailEvents
      ? { [SES_CONFIGURATION_SET_VARIABLE]: this.mailEvents.configurationSet.configurationSetName }
      : {};
    // Approving a waiting sign-up makes its account and tells the person: only then does the admin function
    // create accounts, call the homeserver and send.
    const decides = signupsMayWait(props.config);
    const make = (name: FunctionName, environment: Record<string, string>) =>
      new FrontDoorFunction(this, pascal(name), {
        entry: FUNCTION_ENTRIES[name],
        description: `Matrix front door ${props.tenantName}: ${DESCRIPTIONS[name]}`,
        environment: { ...shared, ...environment },
        logRetention: props.logRetention,
        timeout: Duration.millis(timeoutsMs[name]),
        // Only the functions that call the homeserver go into its network.
        ...(this.network && runsInNetwork(name, props.config) ? { placement: this.network.placement } : {}),
      });
    // The functions that deliver sign-up events (made, decided, retried) sign them for the webhook.
    const events: Record<string, string> = this.secrets.events ? { FRONT_DOOR_EVENTS_SECRET_ARN: this.secrets.events.secretArn } : {};
    const homeserverSecret = { FRONT_DOOR_HOMESERVER_SECRET_ARN: this.secrets.homeserver.secretArn };
    // The sign-up page (pages) sends its own verifications, and mails the operators of the waiting sign-ups it
    // finishes; the register function keeps its notices in the outbox for the sweep to mail (no mail client).
    const register = make('register', { ...keys, ...homeserverSecret, ...events });
    const notifies = props.config.approval?.operatorEmails.length ? mail : {};
    // The sign-up page finishes sign-ups, so the pages hold what the API holds; their own function keeps them out of its cold start.
    // Only the sign-up page makes accounts there (the fallback pages pass stages): then it emits events and sends.
    const pages = make('pages', { ...keys, ...homeserverSecret, ...(props.config.pages ? { ...events, ...mail } : {}) });
    const sends = Boolean(props.config.threepid?.email || props.config.threepid?.msisdn);
    // The senders ask the lookup function who owns an address: they never hold the homeserver credential.
    const lookup = sends ? make('lookup', { FRONT_DOOR_KEYS_SECRET_ARN: this.secrets.keys.secretArn, ...homeserverSecret }) : undefined;
    const sender: Record<string, string> = { ...keys, ...(lookup ? { [LOOKUP_FUNCTION_VARIABLE]: lookup.function.functionName } : {}) };
    return {
      register,
      pages,
      // `/account/password` and `/account/3pid/add` (passed to the homeserver without `recovery` or `threepid`):
      // out of register's cold start, with the same homeserver credential and key.
      account: make('account', { ...keys, ...homeserverSecret }),
      ...(lookup ? { lookup } : {}),
      ...(props.config.threepid?.email ? { email: make('email', { ...sender, ...mail }) } : {}),
      ...(props.config.threepid?.msisdn ? { sms: make('sms', sender) } : {}),
      checks: make('checks', keys),
      admin: make('admin', {
        ...keys,
        ...events,
        FRONT_DOOR_OPERATOR_SECRET_ARN: this.secrets.operator.secretArn,
        ...(decides ? { ...homeserverSecret, ...mail } : {}),
      }),
      ...(needsSweep(props.config)
        ? { sweep: this.makeSweep(props, { ...shared, ...events, ...notifies }, homeserverSecret, timeoutsMs.sweep) }
        : {}),
      ...(props.config.pages ? { meter: make('meter', keys) } : {}),
    };
  }

  /**
   * The sweep reads the homeserver credential (and the key it is loaded with) only when onboarding joins
   * rooms, and the key when sign-ups may wait (a closed request gives back its token use, found by keyed hash).
   */
  private makeSweep(
    props: FrontDoorProps,
    environment: Record<string, string>,
    homeserver: Record<string, string>,
    timeoutMs: number,
  ): FrontDoorFunction {
    const joins = Boolean(props.config.onboarding);
    const keys: Record<string, string> =
      joins || signupsMayWait(props.config) ? { FRONT_DOOR_KEYS_SECRET_ARN: this.secrets.keys.secretArn } : {};
    return new FrontDoorSweep(this, 'Records', {
      tenantName: props.tenantName,
      config: props.config,
      environment: { ...environment, ...keys, ...(joins ? homeserver : {}) },
      logRetention: props.logRetention,
      timeout: Duration.millis(timeoutMs),
      ...(this.network && runsInNetwork('sweep', props.config) ? { placement: this.network.placement } : {}),
    }).function;
  }

  /** The network; its endpoints (without a NAT) follow once the functions' grants are made. */
  private makeNetwork(props: FrontDoorProps, network: Network): FrontDoorNetwork {
    return new FrontDoorNetwork(this, 'Network', { network, homeserverUrl: props.config.homeserver.url, logRetention: props.logRetention });
  }
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
