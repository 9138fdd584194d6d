import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validations, type CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDN_FRONT_DOOR_PATHS } from '../../infra/routes.js';
import { FRONT_DOOR_ROUTES } from '../../functions/http/route-table.js';
import { TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-schema.js';
import { VPC_ACCESS_ACTIONS } from '../../infra/front-door-function.js';
import { CONFIG_DIGEST_VARIABLE, CONFIG_JSON_VARIABLE, checkedConfig } from '../../functions/config/checked-config.js';
import { actionsOf, exampleTenants, logicalId, statementsOf, TEST_OUTDIR, type Statement, type SynthesisedTenant } from './example-app.js';

let org: SynthesisedTenant;
let net: SynthesisedTenant;

beforeAll(() => {
  const tenants = exampleTenants();
  org = tenants.get('example-org')!;
  net = tenants.get('example-net')!;
}, 120_000);

const resources = (t: SynthesisedTenant, type: string) =>
  Object.entries(t.template.findResources(type)) as [string, { Properties: Record<string, any> }][];
const refersTo = (value: unknown, id: string) => JSON.stringify(value).includes(`"${id}"`);
const secretId = (t: SynthesisedTenant, which: 'keys' | 'homeserver' | 'operator') =>
  logicalId(t, t.stack.frontDoor.secrets[which].node.defaultChild as CfnElement);
const functionId = (t: SynthesisedTenant, fn: string) =>
  logicalId(
    t,
    (t.stack.frontDoor.functions as Record<string, { function: { node: { defaultChild: unknown } } }>)[fn]!.function.node
      .defaultChild as CfnElement,
  );
const functionNames = (t: SynthesisedTenant) => Object.keys(t.stack.frontDoor.functions);
/** The functions whose role has a statement matching `test`. */
const holders = (t: SynthesisedTenant, test: (s: Statement) => boolean) => functionNames(t).filter((fn) => statementsOf(t, fn).some(test));

describe('two tenants in one app', () => {
  it('makes one stack per tenant in cdk.json, with nothing named physically', () => {
    expect([...exampleTenants().keys()].sort()).toEqual(['example-net', 'example-org']);
    for (const t of [org, net]) {
      for (const [type, nameProperty] of [
        ['AWS::DynamoDB::Table', 'TableName'],
        ['AWS::Lambda::Function', 'FunctionName'],
        ['AWS::IAM::Role', 'RoleName'],
        ['AWS::SecretsManager::Secret', 'Name'],
        ['AWS::Logs::LogGroup', 'LogGroupName'],
        ['AWS::SNS::Topic', 'TopicName'],
      ] as const) {
        for (const [, r] of resources(t, type)) expect(r.Properties[nameProperty], `${type}.${nameProperty}`).toBeUndefined();
      }
    }
  });
});

describe('the session table', () => {
  it('is on demand, with TTL, point-in-time recovery and deletion protection, and is retained', () => {
    for (const t of [org, net]) {
      t.template.resourceCountIs('AWS::DynamoDB::Table', 1);
      t.template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      });
    }
  });
});

describe('the functions', () => {
  it('are one per privilege: senders exist only for what the tenant sends', () => {
    expect(functionNames(org).sort()).toEqual(['account', 'admin', 'checks', 'email', 'lookup', 'pages', 'register', 'sms']);
    expect(functionNames(net).sort()).toEqual(['account', 'admin', 'checks', 'pages', 'register']);
  });

  it('run arm64 nodejs22.x ESM bundles with source maps and JSON logs into their own retained log group', () => {
    for (const [t, days] of [
      [org, 90],
      [net, 30],
    ] as const) {
      for (const [, fn] of resources(t, 'AWS::Lambda::Function')) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          LoggingConfig: { LogFormat: 'JSON' },
        });
        expect(fn.Properties.Environment?.Variables?.NODE_OPTIONS).toBeUndefined();
        expect(refersTo(fn.Properties.LoggingConfig.LogGroup, 'Ref')).toBe(true);
      }
      for (const [, group] of resources(t, 'AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(days);
    }
  });

  it('are bundled in this run, minified with a source map', () => {
    const assets = Object.values(org.template.findResources('AWS::Lambda::Function')).map((fn: any) =>
      fn.Properties.Code.S3Key.replace('.zip', ''),
    );
    // The eight functions of example-org and the funnel counter.
    expect(new Set(assets).size).toBe(9);
    let withSdkClient = 0;
    for (const hash of assets) {
      const bundle = join(TEST_OUTDIR, `asset.${hash}`, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      expect(statSync(bundle).size).toBeLessThan(1_500_000);
      // Environment credentials stand in for the SDK's default chain (the chain's own error text is absent), and
      // functions/entries/no-event-streams.ts for the SDK's event-stream serde (BUNDLING's aliases as the CLI gets them).
      const text = readFileSync(bundle, 'utf8');
      expect(text).not.toContain('Could not load credentials from any providers');
      expect(text).not.toContain('MessageDecoderStream');
      // Nor the SDK's default HTTP handler (its socket warning), which our keep-alive handler replaces.
      expect(text).not.toContain('socket usage at capacity');
      if (!text.includes('middlewareStack')) continue;
      withSdkClient += 1;
      expect(text).toContain('AWS event streams are not in the Lambda bundles');
    }
    // All but the lookup function, which builds no SDK client: it reads its secrets without one (issue 18).
    expect(withSdkClient).toBe(8);
  });

  it('carry the config as synth parsed it with the digest of exactly that JSON, which the cold start takes as it is', () => {
    for (const t of [org, net]) {
      const withConfig = resources(t, 'AWS::Lambda::Function')
        .map(([, fn]) => fn.Properties.Environment.Variables as Record<string, string>)
        .filter((variables) => CONFIG_JSON_VARIABLE in variables);
      // Every front-door function and the funnel counter.
      expect(withConfig).toHaveLength(functionNames(t).length + 1);
      for (const variables of withConfig) {
        const json = variables[CONFIG_JSON_VARIABLE]!;
        expect(variables[CONFIG_DIGEST_VARIABLE]).toBe(createHash('sha256').update(json).digest('hex'));
        // TABLE_NAME is the table's reference here, a string only once deployed: left out.
        expect(checkedConfig({ [CONFIG_JSON_VARIABLE]: json, [CONFIG_DIGEST_VARIABLE]: variables[CONFIG_DIGEST_VARIABLE] })).toEqual(
          JSON.parse(json),
        );
      }
    }
  });

  it('hold no secret in their environment: only the ARNs of the secrets', () => {
    for (const t of [org, net]) {
      for (const [, fn] of resources(t, 'AWS::Lambda::Function')) {
        const variables = Object.keys(fn.Properties.Environment.Variables);
        for (const name of variables) expect(name).not.toMatch(/ENCRYPTION_KEY$|SHARED_SECRET$|ADMIN_TOKEN$|OPERATOR_KEY$/);
      }
    }
  });
});

describe('least privilege', () => {
  const readsSecret = (t: SynthesisedTenant, which: 'keys' | 'homeserver' | 'operator') => (s: Statement) =>
    actionsOf(s).includes('secretsmanager:GetSecretValue') && refersTo(s.Resource, secretId(t, which));

  it('lets only the functions that run the engine (register, pages), the account part and the internal owner lookup read the homeserver credential', () => {
    expect(holders(org, readsSecret(org, 'homeserver')).sort()).toEqual(['account', 'lookup', 'pages', 'register']);
    expect(holders(net, readsSecret(net, 'homeserver')).sort()).toEqual(['account', 'pages', 'register']);
  });

  it('lets only the admin function read the operator key; every function reads the encryption key it hashes with', () => {
    for (const t of [org, net]) {
      expect(holders(t, readsSecret(t, 'operator'))).toEqual(['admin']);
      expect(holders(t, readsSecret(t, 'keys')).sort()).toEqual(functionNames(t).sort());
    }
  });

  it('lets only the email function send mail, from the tenant sender on the tenant identity', () => {
    const sends = (s: Statement) => actionsOf(s).some((a) => a.startsWith('ses:'));
    expect(holders(org, sends)).toEqual(['email']);
    expect(holders(net, sends)).toEqual([]);
    const [statement] = statementsOf(org, 'email').filter(sends);
    const configurationSet = logicalId(org, org.stack.frontDoor.mailEvents!.configurationSet.node.defaultChild as CfnElement);
    // SendEmail only (the mailer sends no raw MIME), on the identity and the tenant's configuration set.
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@example.org' } },
    });
    const [identity, set] = statement!.Resource as unknown[];
    expect(identity).toBe('arn:aws:ses:eu-west-1:111122223333:identity/example.org');
    expect(refersTo(set, configurationSet)).toBe(true);
    expect(JSON.stringify(set)).toContain(':configuration-set/');
  });

  it('lets only the sms function publish, and only to phone numbers (no SNS topic or endpoint)', () => {
    const publishes = (s: Statement) => actionsOf(s).some((a) => a.startsWith('sns:'));
    expect(holders(org, publishes)).toEqual(['sms']);
    expect(holders(net, publishes)).toEqual([]);
    const [statement] = statementsOf(org, 'sms').filter(publishes);
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: 'sns:Publish',
      NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
    });
    expect(statement!.Resource).toBeUndefined();
  });

  it('lets only the senders invoke a function: the internal owner lookup, never the register function', () => {
    const invokes = (s: Statement) => actionsOf(s).some((a) => a.startsWith('lambda:'));
    expect(holders(org, invokes).sort()).toEqual(['email', 'sms']);
    for (const fn of ['email', 'sms']) {
      const [statement] = statementsOf(org, fn).filter(invokes);
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [functionId(org, 'lookup'), 'Arn'] },
      });
    }
    // No route leads to the lookup: API Gateway may invoke every function but it.
    const permitted = resources(org, 'AWS::Lambda::Permission').map(([, p]) => JSON.stringify(p.Properties.FunctionName));
    expect(permitted.some((f) => f.includes(`"${functionId(org, 'lookup')}"`))).toBe(false);
    expect(permitted.some((f) => f.includes(`"${functionId(org, 'register')}"`))).toBe(true);
  });

  it('grants no wildcard action and no wildcard resource to any function', () => {
    for (const t of [org, net]) {
      for (const fn of functionNames(t)) {
        // Lambda's network interface actions for a function in a VPC take no resource (acknowledged to cdk-nag).
        const vpcAccess = (s: Statement) => actionsOf(s).every((a) => VPC_ACCESS_ACTIONS.includes(a));
        for (const s of statementsOf(t, fn).filter((s) => !vpcAccess(s))) {
          for (const action of actionsOf(s)) expect(action, `${fn}: ${action}`).not.toMatch(/\*|^\*$/);
          expect(s.Resource, fn).not.toBe('*');
          expect(JSON.stringify(s.Resource ?? null)).not.toMatch(/"\*"/);
        }
      }
    }
  });

  it('gives every function but the lookup the table, and each its own log group only', () => {
    for (const t of [org, net]) {
      for (const fn of functionNames(t)) {
        const statements = statementsOf(t, fn);
        expect(statements.some((s) => actionsOf(s).includes('dynamodb:UpdateItem'))).toBe(fn !== 'lookup');
        const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
        expect(logs).toHaveLength(1);
        const logGroup = (t.stack.frontDoor.functions as Record<string, { logGroup: { node: { defaultChild: unknown } } }>)[fn]!.logGroup;
        expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [logicalId(t, logGroup.node.defaultChild as CfnElement), 'Arn'] });
      }
    }
  });
});

describe('the HTTP API', () => {
  it('routes every Matrix path to the function that owns it', () => {
    const integrations = resources(org, 'AWS::ApiGatewayV2::Integration');
    const routes = resources(org, 'AWS::ApiGatewayV2::Route');
    const targetOf = (routeKey: string) => {
      const route = routes.find(([, r]) => r.Properties.RouteKey === routeKey);
      if (!route) return undefined;
      const integrationId = JSON.stringify(route[1].Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
      const integration = integrations.find(([id]) => id === integrationId)![1];
      return functionNames(org).find((fn) => refersTo(integration.Properties.IntegrationUri, functionId(org, fn)));
    };
    // Every named route, and the catch-all that answers anything else with a Matrix error.
    expect(routes).toHaveLength(FRONT_DOOR_ROUTES.length + 1);
    expect(targetOf('$default')).toBe('checks');
    for (const route of FRONT_DOOR_ROUTES)
      expect(targetOf(`${route.method} ${route.path}`), `${route.method} ${route.path}`).toBe(route.fn);
    expect(targetOf('POST /_matrix/client/v3/register')).toBe('register');
    expect(targetOf('GET /_matrix/client/r0/register/available')).toBe('register');
    expect(targetOf('POST /_matrix/client/v3/register/email/requestToken')).toBe('email');
    expect(targetOf('POST /_matrix/client/v3/register/msisdn/requestToken')).toBe('sms');
    expect(targetOf('GET /_matrix/client/unstable/registration/email/submit_token')).toBe('checks');
    expect(targetOf('POST /_matrix/client/unstable/registration/msisdn/submit_token')).toBe('checks');
    expect(targetOf('GET /_matrix/client/v1/register/m.login.registration_token/validity')).toBe('checks');
    expect(targetOf('GET /_matrix/client/v3/auth/{type}/fallback/web')).toBe('pages');
    expect(targetOf('ANY /_front_door/admin/{proxy+}')).toBe('admin');
  });

  it('sends requestToken of a medium the tenant does not offer to the table-only function', () => {
    const routes = resources(net, 'AWS::ApiGatewayV2::Route');
    const integrations = resources(net, 'AWS::ApiGatewayV2::Integration');
    const route = routes.find(([, r]) => r.Properties.RouteKey === 'POST /_matrix/client/v3/register/email/requestToken')!;
    const integrationId = JSON.stringify(route[1].Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
    expect(refersTo(integrations.find(([id]) => id === integrationId)![1].Properties.IntegrationUri, functionId(net, 'checks'))).toBe(true);
  });

  it('throttles the stage and writes JSON access logs', () => {
    net.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });

  it('serves the custom domain only, when one is given without a CDN', () => {
    org.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'register.example.org' });
    org.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    net.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });
});

describe('alarms', () => {
  it('watch 5xx, each function, 429 storms, SES bounces and complaints, SMS spend and failed SMS deliveries', () => {
    const metrics = (t: SynthesisedTenant) =>
      resources(t, 'AWS::CloudWatch::Alarm').map(([, a]) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
    expect(metrics(org).sort()).toEqual(
      [
        'AWS/ApiGateway/5xx',
        'MatrixFrontDoor/HttpTooManyRequests',
        'AWS/SES/Bounce',
        'AWS/SES/Complaint',
        'AWS/SNS/SMSMonthToDateSpentUSD',
        'AWS/SNS/NumberOfNotificationsFailed',
        // The eight functions and the funnel counter.
        ...Array(9).fill('AWS/Lambda/Errors'),
        ...Array(9).fill('AWS/Lambda/Throttles'),
      ].sort(),
    );
    expect(metrics(net).sort()).toEqual(
      [
        'AWS/ApiGateway/5xx',
        'MatrixFrontDoor/HttpTooManyRequests',
        ...Array(6).fill('AWS/Lambda/Errors'),
        ...Array(6).fill('AWS/Lambda/Throttles'),
      ].sort(),
    );
    org.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SMSMonthToDateSpentUSD', Threshold: 20 });
    for (const [, alarm] of resources(org, 'AWS::CloudWatch::Alarm')) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    org.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });
});

describe('the CloudFront option', () => {
  it('puts the homeserver behind CloudFront and sends only the registration paths to the front door, uncached', () => {
    org.template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    const [[, distribution]] = resources(net, 'AWS::CloudFront::Distribution') as [[string, { Properties: { DistributionConfig: any } }]];
    const config = distribution.Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['matrix.example.net']);
    expect(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual([...CDN_FRONT_DOOR_PATHS].sort());
    const origins = config.Origins.map((o: { DomainName: unknown }) => JSON.stringify(o.DomainName));
    expect(origins).toContain('"synapse-origin.example.net"');
    const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.CachePolicyId).toBe(cachingDisabled);
      expect(behaviour.ViewerProtocolPolicy).toBe('https-only');
    }
    expect(
      config.CacheBehaviors.every((b: { TargetOriginId: string }) => b.TargetOriginId !== config.DefaultCacheBehavior.TargetOriginId),
    ).toBe(true);
  });
});

describe('cdk-nag', () => {
  it('reports nothing unacknowledged (synthesis would have thrown), and every acknowledgement gives a reason', () => {
    const report = JSON.parse(readFileSync(join(TEST_OUTDIR, 'validation-report.json'), 'utf8'));
    // Acknowledged findings are reported as suppressed; none may be left standing.
    for (const plugin of report.pluginReports) expect(plugin).toMatchObject({ conclusion: 'success', violations: [] });
    const reasons = new Map<string, string>();
    for (const construct of org.stack.node.root.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
          reasons.set(`${construct.node.path} ${id}`, reason);
      }
    }
    expect(reasons.size).toBeGreaterThan(0);
    for (const [where, reason] of reasons) expect(reason.length, where).toBeGreaterThan(60);
    const ids = new Set([...reasons.keys()].map((k) => k.split(' ')[1]!.replace(/^(Annotation|AwsSolutions)::/, '')));
    expect([...ids].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
  });
});
