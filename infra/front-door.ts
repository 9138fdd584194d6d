/** The front door for one tenant: table, secrets, one function per privilege, HTTP API, alarms, optional CDN. */
import { Aws, Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { FrontDoorAlarms } from './front-door-alarms.js';
import { FrontDoorApi, type CustomDomain } from './front-door-api.js';
import { FrontDoorFunction } from './front-door-function.js';
import { HomeserverCdn } from './homeserver-cdn.js';
import { FUNCTION_ENTRIES, type FunctionName } from './routes.js';
import { SessionTable } from './session-table.js';
import { TenantSecrets } from './tenant-secret.js';

export interface FrontDoorProps {
  tenantName: string;
  /** Already validated (parseTenantConfig and flowSetFromConfig): the functions get it as it is. */
  config: TenantConfig;
  domain?: CustomDomain;
  /** The verified SES identity the tenant's `threepid.email.from` sends as; required when the config sends mail. */
  email?: { identityArn: string };
  /** Required when the config sends SMS; the alarm fires when the account's month-to-date SMS spend reaches this many USD. */
  sms?: { monthlySpendAlarmUsd: number };
  logRetention: logs.RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
  alarms?: { topicArn?: string; email?: string };
  homeserverCdn?: {
    originUrl?: string;
    domainName?: string;
    certificateArn?: string;
    webAclArn?: string;
    priceClass: cloudfront.PriceClass;
  };
}

/** Lambda keeps at most 4 KB of environment; the config shares it with the other variables. */
const MAX_CONFIG_BYTES = 3072;

const DESCRIPTIONS: Record<FunctionName, string> = {
  register: 'creates accounts; reads the homeserver credential',
  pages: 'UIA fallback pages and the sign-up page; reads the homeserver credential',
  email: 'sends verification mail through SES',
  sms: 'sends verification SMS through SNS',
  checks: 'submit_token, token validity, CORS preflights',
  admin: 'operator API (registration tokens); reads the operator key',
  meter: 'the sign-up page password strength meter',
};

/** The address inside a From header such as `Example Chat <no-reply@example.org>`. */
export const senderAddress = (from: string) => (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();

export class FrontDoor extends Construct {
  readonly table: SessionTable['table'];
  readonly secrets: TenantSecrets;
  /** email and sms exist only when the tenant's config sends mail or SMS. */
  readonly functions: Partial<Record<FunctionName, FrontDoorFunction>> &
    Record<'register' | 'pages' | 'checks' | 'admin', FrontDoorFunction>;
  readonly api: FrontDoorApi;
  readonly cdn?: HomeserverCdn;
  readonly alarms: FrontDoorAlarms;
  /** The base URL clients use: the CDN, else the custom domain, else the API. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    this.table = new SessionTable(this, 'Sessions').table;
    this.secrets = new TenantSecrets(this, 'Secrets', { tenantName: props.tenantName });
    this.functions = this.makeFunctions(props);
    this.grant(props);
    const lambdas = this.lambdas();

    this.api = new FrontDoorApi(this, 'Http', {
      tenantName: props.tenantName,
      // A medium the tenant does not offer goes to the table-only function, which answers a Matrix 404.
      functionFor: (name) => lambdas[name] ?? lambdas.checks!,
      logRetention: props.logRetention,
      throttle: props.throttle,
      ...(props.domain ? { domain: props.domain } : {}),
      disableExecuteApiEndpoint: Boolean(props.domain) && !props.homeserverCdn,
      ...(props.config.pages ? { pagesPath: props.config.pages.path } : {}),
    });
    if (props.homeserverCdn) {
      const { originUrl, ...cdn } = props.homeserverCdn;
      this.cdn = new HomeserverCdn(this, 'Cdn', {
        ...cdn,
        homeserverUrl: originUrl ?? props.config.homeserver.url,
        frontDoorEndpoint: this.api.api.apiEndpoint,
        ...(props.config.pages ? { pagesPath: props.config.pages.path } : {}),
      });
    }
    this.publicUrl = this.cdn
      ? `https://${props.homeserverCdn?.domainName ?? this.cdn.distribution.distributionDomainName}`
      : props.domain
        ? `https://${props.domain.domainName}`
        : this.api.api.apiEndpoint;

    this.alarms = new FrontDoorAlarms(this, 'Alarms', {
      tenantName: props.tenantName,
      api: this.api.api,
      functions: lambdas,
      ...(props.sms ? { smsMonthlySpendAlarmUsd: props.sms.monthlySpendAlarmUsd } : {}),
      ...props.alarms,
    });
  }

  /** The Lambda functions by name. */
  lambdas(): Partial<Record<FunctionName, lambda.IFunction>> & Record<string, lambda.IFunction> {
    return Object.fromEntries(Object.entries(this.functions).map(([name, f]) => [name, f!.function]));
  }

  private makeFunctions(props: FrontDoorProps): FrontDoor['functions'] {
    const configJson = JSON.stringify(props.config);
    if (Buffer.byteLength(configJson) > MAX_CONFIG_BYTES) {
      throw new Error(
        `tenant "${props.tenantName}": frontDoor config is ${Buffer.byteLength(configJson)} bytes as JSON; Lambda's environment holds ${MAX_CONFIG_BYTES}`,
      );
    }
    const shared = { FRONT_DOOR_TENANT: props.tenantName, FRONT_DOOR_CONFIG_JSON: configJson, TABLE_NAME: this.table.tableName };
    // Only ARNs: each function fetches the values at cold start.
    const keys = { FRONT_DOOR_KEYS_SECRET_ARN: this.secrets.keys.secretArn };
    const make = (name: FunctionName, environment: Record<string, string>) =>
      new FrontDoorFunction(this, pascal(name), {
        entry: FUNCTION_ENTRIES[name],
        description: `Matrix front door ${props.tenantName}: ${DESCRIPTIONS[name]}`,
        environment: { ...shared, ...environment },
        logRetention: props.logRetention,
        // Creating an account may take three homeserver calls; API Gateway gives up at 30 s whatever we set.
        timeout: Duration.seconds(name === 'register' || name === 'pages' ? 29 : 10),
      });
    const homeserver = { ...keys, FRONT_DOOR_HOMESERVER_SECRET_ARN: this.secrets.homeserver.secretArn };
    const register = make('register', homeserver);
    // The senders ask the register function who owns an address: they never hold the homeserver credential.
    const sender = { ...keys, FRONT_DOOR_REGISTER_FUNCTION: register.function.functionName };
    return {
      register,
      // The sign-up page finishes sign-ups, so the pages hold what the API holds; their own function keeps them out of its cold start.
      pages: make('pages', homeserver),
      ...(props.config.threepid?.email ? { email: make('email', sender) } : {}),
      ...(props.config.threepid?.msisdn ? { sms: make('sms', sender) } : {}),
      checks: make('checks', keys),
      admin: make('admin', { ...keys, FRONT_DOOR_OPERATOR_SECRET_ARN: this.secrets.operator.secretArn }),
      ...(props.config.pages ? { meter: make('meter', keys) } : {}),
    };
  }

  /** Least privilege: the homeserver and operator secrets, SES, SMS and the owner lookup each go to the one function that needs them. */
  private grant(props: FrontDoorProps): void {
    const { register, pages, email, sms, admin } = this.functions;
    for (const fn of Object.values(this.functions)) this.table.grantReadWriteData(fn!.role);
    for (const fn of Object.values(this.functions)) this.secrets.keys.grantRead(fn!.role);
    this.secrets.homeserver.grantRead(register.role);
    this.secrets.homeserver.grantRead(pages.role);
    this.secrets.operator.grantRead(admin.role);
    for (const fn of [email, sms]) {
      fn?.role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [register.function.functionArn] }));
    }
    // The hosted sign-up page runs in the pages function and sends its own verification mail and SMS.
    const page = props.config.pages ? pages : undefined;
    const from = props.config.threepid?.email?.from;
    for (const fn of [email, email && page]) {
      if (!fn || !from || !props.email) continue;
      fn.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [props.email.identityArn],
          conditions: { StringEquals: { 'ses:FromAddress': senderAddress(from) } },
        }),
      );
    }
    for (const fn of [sms, sms && page]) {
      // SNS has no resource for a phone number: allow Publish on anything that is not an SNS ARN (topics,
      // platform endpoints), which leaves only phone numbers.
      fn?.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
    }
  }
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
