/**
 * Issue 17's remaining deployment points in synthesized templates: the functions that call the homeserver
 * (derived from the route table) in the tenant network with the endpoints their roles need, or outside with
 * `homeserver.clientUrl`; SNS SMS delivery-status logging made by the stack (account-wide, one tenant per
 * account and region); and the table stream feeding the funnel counter through its filters.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/front-door-function.js';
import { addNagChecks } from '../../infra/nag.js';
import { TenantStack } from '../../infra/tenant-stack.js';
import { loadTenant, loadTenants } from '../../infra/tenants.js';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { actionsOf, cdkContext, logicalId, type Statement, type SynthesisedTenant } from './example-app.js';

const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];
const example = (name: string) => JSON.parse(readFileSync(resolve(PROJECT_ROOT, `infra/tenants/${name}.json`), 'utf8'));

/** example-net (subnets without a NAT) that also verifies email and resets passwords. */
function netWithAddresses(change: (raw: any) => void = () => {}) {
  const raw = example('example-net');
  raw.deployment.email = { identityArn: 'arn:aws:ses:eu-central-1:111122223333:identity/example.net' };
  raw.frontDoor.threepid = {
    brandName: 'Example Net',
    publicBaseUrl: 'https://matrix.example.net',
    email: { from: 'Example Net <no-reply@example.net>' },
  };
  raw.frontDoor.recovery = {};
  change(raw);
  return raw;
}

/** example-org with SNS delivery-status logging. */
function orgWithSmsLogging(logging: Record<string, unknown> = { successSamplingPercent: 5 }) {
  const raw = example('example-org');
  raw.deployment.sms.deliveryStatusLogging = logging;
  return raw;
}

function synth(name: string, raw: unknown): SynthesisedTenant {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'net-counts-')), context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new TenantStack(app, { tenant: loadTenant(name, `${name}.json`, raw) });
  addNagChecks(app);
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

const fnProps = (t: SynthesisedTenant, fn: string) => {
  const functions = t.stack.frontDoor.functions as Record<string, { function: { node: { defaultChild: unknown } } } | undefined>;
  return t.template.toJSON().Resources[logicalId(t, functions[fn]!.function.node.defaultChild as CfnElement)].Properties;
};
/** The services of the VPC endpoints, by their last name part (`com.amazonaws.<region>.lambda` → `lambda`). */
const endpointServices = (t: SynthesisedTenant) =>
  Object.values(t.template.findResources('AWS::EC2::VPCEndpoint'))
    .map((e) => /\.([a-z-]+)"(\]\]\})?$/.exec(JSON.stringify(e.Properties.ServiceName))?.[1])
    .sort();

let addresses: SynthesisedTenant;
let clientUrl: SynthesisedTenant;
let smsLogging: SynthesisedTenant;

beforeAll(() => {
  addresses = synth('net-addresses', netWithAddresses());
  clientUrl = synth(
    'net-client-url',
    netWithAddresses((raw) => (raw.frontDoor.homeserver.clientUrl = 'https://matrix.example.net')),
  );
  smsLogging = synth('org-sms-logging', orgWithSmsLogging());
}, 180_000);

describe('the functions in the tenant network, from the route table', () => {
  it('puts the pass-through and whoami callers (checks, email) in the subnets beside register, pages, admin and lookup', () => {
    for (const fn of ['register', 'account', 'pages', 'admin', 'lookup', 'email', 'checks'])
      expect(fnProps(addresses, fn).VpcConfig?.SubnetIds, fn).toEqual(SUBNETS);
  });

  it('covers with endpoints what the functions inside call: the lookup invoked by email, SES, Secrets Manager, DynamoDB', () => {
    expect(endpointServices(addresses)).toEqual(['dynamodb', 'email', 'lambda', 'secretsmanager']);
  });

  it('keeps the client-only functions outside with homeserver.clientUrl, and drops the endpoints only they needed', () => {
    for (const fn of ['checks', 'email']) expect(fnProps(clientUrl, fn).VpcConfig, fn).toBeUndefined();
    for (const fn of ['register', 'account', 'pages', 'admin', 'lookup'])
      expect(fnProps(clientUrl, fn).VpcConfig?.SubnetIds, fn).toEqual(SUBNETS);
    expect(endpointServices(clientUrl)).toEqual(['dynamodb', 'secretsmanager']);
    // The email function's config says where its whoami goes.
    const config = JSON.parse(fnProps(clientUrl, 'email').Environment.Variables.FRONT_DOOR_CONFIG_JSON);
    expect(config.homeserver.clientUrl).toBe('https://matrix.example.net');
  });

  it('refuses a clientUrl that is not https (access tokens travel to it)', () => {
    const raw = netWithAddresses((r) => (r.frontDoor.homeserver.clientUrl = 'http://matrix.example.net'));
    expect(() => loadTenant('acme', 'acme.json', raw)).toThrow(/frontDoor\.homeserver\.clientUrl: must be https/);
  });
});

describe('SMS delivery-status logging made by the stack (deployment.sms.deliveryStatusLogging)', () => {
  it('makes the role SNS writes the logs with, limited to its SMS delivery log groups in this account', () => {
    const roles = Object.values(smsLogging.template.findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('sns.amazonaws.com'),
    );
    expect(roles).toHaveLength(1);
    expect(roles[0]!.DeletionPolicy).toBe('Retain');
    expect(JSON.stringify(roles[0]!.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    const policy = Object.values(smsLogging.template.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('logs:PutMetricFilter'),
    )!;
    const statement = policy.Properties.PolicyDocument.Statement[0];
    expect(statement.Action).toEqual(expect.arrayContaining(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']));
    expect(JSON.stringify(statement.Resource)).toContain('/DirectPublishToPhoneNumber*');
  });

  it('sets the account attributes with a custom resource (SetSMSAttributes: the role and the success sampling), leaving them on delete', () => {
    const resources = Object.values(smsLogging.template.findResources('Custom::AWS'));
    expect(resources).toHaveLength(1);
    const create = JSON.stringify(resources[0]!.Properties.Create);
    expect(create).toContain('"service\\":\\"SNS\\"');
    expect(create).toContain('setSMSAttributes');
    expect(create).toContain('DeliveryStatusIAMRole');
    expect(create).toContain('DeliveryStatusSuccessSamplingRate\\":\\"5\\"');
    expect(resources[0]!.Properties.Delete).toBeUndefined();
    const statements = Object.values(smsLogging.template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a === 'sns:SetSMSAttributes' || a === 'iam:PassRole'));
    expect(statements.map((s: { Action: string }) => s.Action).sort()).toEqual(['iam:PassRole', 'sns:SetSMSAttributes']);
  });

  it('makes the failure log group and counts its lines into the SMS-failure alarm', () => {
    smsLogging.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: {
        'Fn::Join': ['', ['sns/', { Ref: 'AWS::Region' }, '/', { Ref: 'AWS::AccountId' }, '/DirectPublishToPhoneNumber/Failure']],
      },
      RetentionInDays: 90,
    });
    smsLogging.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "FAILURE" }',
      MetricTransformations: [
        Match.objectLike({ MetricNamespace: 'MatrixFrontDoor', MetricName: 'SmsDeliveryFailures', MetricValue: '1' }),
      ],
    });
    smsLogging.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SMS failed to deliver'),
      Namespace: 'MatrixFrontDoor',
      MetricName: 'SmsDeliveryFailures',
      Period: 3600,
    });
  });

  it('uses a failure log group that exists already when told so', () => {
    const t = synth('org-sms-existing', orgWithSmsLogging({ failureLogGroupExists: true }));
    const groups = Object.values(t.template.findResources('AWS::Logs::LogGroup')).filter((g) =>
      JSON.stringify(g.Properties.LogGroupName ?? '').includes('DirectPublishToPhoneNumber'),
    );
    expect(groups).toHaveLength(0);
    t.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: Match.anyValue(),
      FilterPattern: '{ $.status = "FAILURE" }',
    });
  });

  it('leaves the SMS-failure alarm on SNS metric without the option', () => {
    const org = synth('org-plain', example('example-org'));
    expect(org.template.findResources('Custom::AWS')).toEqual({});
    org.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SNS', MetricName: 'NumberOfNotificationsFailed' });
  });

  it('refuses two tenants of one app setting it in the same account and region', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-logging-'));
    const write = (name: string, raw: unknown) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify(raw));
      return path;
    };
    const a = write('a', orgWithSmsLogging());
    const b = write('b', orgWithSmsLogging());
    expect(() => loadTenants({ a, b }, dir)).toThrow(/tenant "b".*\n.*deliveryStatusLogging: tenant "a" sets it already/);
    const elsewhere = orgWithSmsLogging();
    elsewhere.deployment.region = 'eu-central-1';
    expect(loadTenants({ a, c: write('c', elsewhere) }, dir)).toHaveLength(2);
  });
});

describe('the funnel: the table stream and its consumer', () => {
  it('streams the old and new images of the tenant table', () => {
    smsLogging.template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  it('invokes the counter only for session items stored or changed, open ones deleted, and unfinished ones the TTL service removed', () => {
    const mappings = Object.values(smsLogging.template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    const props = mappings[0]!.Properties;
    expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props.MaximumRetryAttempts).toBe(5);
    const keys = { pk: { S: [{ prefix: 'session#' }] }, sk: { S: ['session'] } };
    expect(props.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      {
        eventName: ['REMOVE'],
        userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
        dynamodb: { Keys: keys, OldImage: { status: { S: ['open', 'creating'] } } },
      },
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: keys } },
      { eventName: ['REMOVE'], dynamodb: { Keys: keys, OldImage: { status: { S: ['open'] } } } },
    ]);
  });

  it('lets the counter read the stream and update the counters partition and its marks, nothing else, and holds no secret', () => {
    const statements = funnelStatements(smsLogging);
    const streamAction = (a: string) => a.startsWith('dynamodb:') && /Stream|Shard|GetRecords/.test(a);
    const table = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') && !streamAction(a)));
    expect(table.map((s) => actionsOf(s))).toEqual([['dynamodb:UpdateItem'], ['dynamodb:UpdateItem']]);
    expect(table.map((s) => s.Condition)).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['counters'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['funnel#*'] } },
    ]);
    const stream = statements.flatMap(actionsOf).filter(streamAction);
    expect(stream.sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
    expect(statements.flatMap(actionsOf).some((a) => a.startsWith('secretsmanager:'))).toBe(false);
    const env = fnPropsOf(smsLogging).Environment.Variables;
    expect(Object.keys(env).sort()).toEqual(['FRONT_DOOR_CONFIG_JSON', 'FRONT_DOOR_CONFIG_SHA256', 'FRONT_DOOR_TENANT', 'TABLE_NAME']);
  });

  it('alarms on the counter failing like on every other function', () => {
    smsLogging.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('the funnel function failed'),
    });
  });
});

const fnPropsOf = (t: SynthesisedTenant) =>
  t.template.toJSON().Resources[logicalId(t, t.stack.frontDoor.funnel.function.function.node.defaultChild as CfnElement)].Properties;

/** The statements of the funnel counter's inline policies. */
function funnelStatements(t: SynthesisedTenant): Statement[] {
  const roleId = t.stack.getLogicalId(t.stack.frontDoor.funnel.function.role.node.defaultChild as CfnRole);
  return Object.values(t.template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: unknown) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
