/** The front door for one tenant: table, secret, one function per privilege, HTTP API, alarms, optional CDN. */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config.js';
import { FrontDoorAlarms } from './front-door-alarms.js';
import { FrontDoorApi, type CustomDomain } from './front-door-api.js';
import { FrontDoorFunction } from './front-door-function.js';
import { HomeserverCdn } from './homeserver-cdn.js';
import { FUNCTION_ENTRIES, type FunctionName } from './routes.js';
import { SessionTable } from './session-table.js';
import { TenantSecret } from './tenant-secret.js';

export interface FrontDoorProps {
  tenantName: string;
  /** Already validated (parseTenantConfig and flowSetFromConfig): the functions get it as it is. */
  config: TenantConfig;
  domain?: CustomDomain;
  /** A verified SES identity; without it nothing may send mail. */
  email?: { identityArn: string; sender: string };
  /** Enables SMS; the alarm fires when the account's month-to-date SMS spend reaches this many USD. */
  sms?: { monthlySpendAlarmUsd: number };
  logRetention: logs.RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
  alarms?: { topicArn?: string; email?: string };
  homeserverCdn?: {
    originUrl?: string;
    domainName?: string;
    certificateArn?: string;
    webAclArn?: string;
    priceClass?: cloudfront.PriceClass;
  };
}

/** Lambda keeps at most 4 KB of environment; the config shares it with the other variables. */
const MAX_CONFIG_BYTES = 3072;

const DESCRIPTIONS: Record<FunctionName, string> = {
  register: 'creates accounts; reads the tenant secret',
  email: 'sends verification mail through SES',
  sms: 'sends verification SMS through SNS',
  stages: 'token validity, auth fallback pages, CORS preflights',
  admin: 'operator API (IAM-authorised)',
};

export class FrontDoor extends Construct {
  readonly table: SessionTable['table'];
  readonly secret: TenantSecret['secret'];
  readonly functions: Record<FunctionName, FrontDoorFunction>;
  readonly api: FrontDoorApi;
  readonly cdn?: HomeserverCdn;
  readonly alarms: FrontDoorAlarms;
  /** The base URL clients (and verification links) use: the CDN, else the custom domain, else the API. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    this.table = new SessionTable(this, 'Sessions').table;
    this.secret = new TenantSecret(this, 'Secret', { tenantName: props.tenantName }).secret;
    this.functions = this.makeFunctions(props);
    this.grant(props);

    this.api = new FrontDoorApi(this, 'Http', {
      tenantName: props.tenantName,
      functions: mapValues(this.functions, (f) => f.function),
      logRetention: props.logRetention,
      throttle: props.throttle,
      ...(props.domain ? { domain: props.domain } : {}),
      disableExecuteApiEndpoint: Boolean(props.domain) && !props.homeserverCdn,
    });
    if (props.homeserverCdn) {
      const { originUrl, priceClass, ...cdn } = props.homeserverCdn;
      this.cdn = new HomeserverCdn(this, 'Cdn', {
        ...cdn,
        homeserverUrl: originUrl ?? props.config.homeserver.url,
        frontDoorEndpoint: this.api.api.apiEndpoint,
        priceClass: priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      });
    }
    this.publicUrl = this.cdn
      ? `https://${props.homeserverCdn?.domainName ?? this.cdn.distribution.distributionDomainName}`
      : props.domain
        ? `https://${props.domain.domainName}`
        : this.api.api.apiEndpoint;
    // Verification links point back at the front door's own submit_token routes.
    for (const fn of [this.functions.email, this.functions.sms]) fn.function.addEnvironment('FRONT_DOOR_PUBLIC_URL', this.publicUrl);

    this.alarms = new FrontDoorAlarms(this, 'Alarms', {
      tenantName: props.tenantName,
      api: this.api.api,
      functions: mapValues(this.functions, (f) => f.function),
      ...(props.sms ? { smsMonthlySpendAlarmUsd: props.sms.monthlySpendAlarmUsd } : {}),
      ...props.alarms,
    });
  }

  private makeFunctions(props: FrontDoorProps): Record<FunctionName, FrontDoorFunction> {
    const configJson = JSON.stringify(props.config);
    if (Buffer.byteLength(configJson) > MAX_CONFIG_BYTES) {
      throw new Error(`tenant "${props.tenantName}": frontDoor config is ${Buffer.byteLength(configJson)} bytes as JSON; Lambda's environment holds ${MAX_CONFIG_BYTES}`);
    }
    const shared = { FRONT_DOOR_TENANT: props.tenantName, FRONT_DOOR_CONFIG_JSON: configJson, TABLE_NAME: this.table.tableName };
    const own: Partial<Record<FunctionName, Record<string, string>>> = {
      // Only the ARN: the function fetches the value at cold start.
      register: { FRONT_DOOR_SECRET_ARN: this.secret.secretArn },
      ...(props.email ? { email: { FRONT_DOOR_MAIL_FROM: props.email.sender, FRONT_DOOR_SES_IDENTITY_ARN: props.email.identityArn } } : {}),
    };
    // Creating an account may take three homeserver calls; API Gateway gives up at 30 s whatever we set.
    const timeout = (name: FunctionName) => Duration.seconds(name === 'register' ? 29 : 10);
    return mapValues(FUNCTION_ENTRIES, (entry, name) =>
      new FrontDoorFunction(this, pascal(name), {
        entry,
        description: `Matrix front door ${props.tenantName}: ${DESCRIPTIONS[name]}`,
        environment: { ...shared, ...own[name] },
        logRetention: props.logRetention,
        timeout: timeout(name),
      }),
    );
  }

  /** Least privilege: every function gets the table; only one each gets the secret, SES, or SMS. */
  private grant(props: FrontDoorProps): void {
    for (const fn of Object.values(this.functions)) this.table.grantReadWriteData(fn.role);
    this.secret.grantRead(this.functions.register.role);
    if (props.email) {
      this.functions.email.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [props.email.identityArn],
          conditions: { StringEquals: { 'ses:FromAddress': props.email.sender } },
        }),
      );
    }
    if (props.sms) {
      const sms = this.functions.sms.role;
      sms.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
      Validations.of(sms).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'SNS authorises a publish to a phone number only against Resource "*"; this role has that one action and nothing else beyond its table and log group.',
      });
    }
  }
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

function mapValues<K extends string, V, W>(record: Record<K, V>, map: (value: V, key: K) => W): Record<K, W> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, map(v as V, k as K)])) as Record<K, W>;
}
