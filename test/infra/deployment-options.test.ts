/**
 * The deployment options of issue 17 in synthesized templates: the example tenant whose register function runs
 * in its VPC subnets, the dashboard and alarms, the CloudFront read timeout, and a variant tenant with a NAT
 * (fixed egress IP), CloudFront + WAF in front of the front door, SigV4 on the operator API and Route 53.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/front-door-function.js';
import { CDN_ACCOUNT_PATHS } from '../../infra/routes.js';
import { addNagChecks } from '../../infra/nag.js';
import { TenantStack } from '../../infra/tenant-stack.js';
import { loadTenant } from '../../infra/tenants.js';
import { cdkContext, exampleTenants, logicalId, type SynthesisedTenant } from './example-app.js';

let org: SynthesisedTenant;
let net: SynthesisedTenant;
let variant: SynthesisedTenant;

const resources = (t: SynthesisedTenant, type: string) =>
  Object.entries(t.template.findResources(type)) as [string, { Properties: Record<string, any> }][];
const functionId = (t: SynthesisedTenant, fn: string) =>
  logicalId(
    t,
    (t.stack.frontDoor.functions as Record<string, { function: { node: { defaultChild: unknown } } }>)[fn]!.function.node
      .defaultChild as CfnElement,
  );
/** The one resource of a type in the template. */
const single = (t: SynthesisedTenant, type: string) => {
  const found = resources(t, type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const fnProps = (t: SynthesisedTenant, fn: string) => t.template.toJSON().Resources[functionId(t, fn)].Properties;

/** example-org with the other options: NAT, CloudFront + WAF before the front door, SigV4 operators, Route 53. */
function variantTenant() {
  const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-org.json'), 'utf8'));
  raw.deployment.network = { mode: 'nat', availabilityZones: ['eu-west-1a'] };
  raw.deployment.frontDoorCdn = {
    webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/front-door/0000',
    domainName: 'join.example.org',
    certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000009',
  };
  raw.deployment.operatorAuth = 'iam';
  raw.deployment.hostedZone = { zoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.org' };
  delete raw.deployment.domain.certificateArn;
  return loadTenant('example-variant', 'example-variant.json', raw);
}

beforeAll(() => {
  const tenants = exampleTenants();
  org = tenants.get('example-org')!;
  net = tenants.get('example-net')!;
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'variant-')), context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new TenantStack(app, { tenant: variantTenant() });
  addNagChecks(app);
  app.synth();
  variant = { stack, template: Template.fromStack(stack) };
}, 180_000);

describe('the network option: the tenant VPC (example-net in cdk.json)', () => {
  const subnets = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];

  it('runs exactly the functions that call the homeserver in the subnets given by id: here every one it has', () => {
    // register and pages (the engine), account (a reset, an address bound), admin (the console signs operators in
    // at the homeserver), checks (the /account/3pid pass-through); example-net has no senders, lookup, meter or sweep.
    expect(Object.keys(net.stack.frontDoor.functions).sort()).toEqual(['account', 'admin', 'checks', 'pages', 'register']);
    for (const fn of ['register', 'account', 'pages', 'admin', 'checks']) {
      expect(fnProps(net, fn).VpcConfig.SubnetIds, fn).toEqual(subnets);
      expect(fnProps(net, fn).VpcConfig.SecurityGroupIds, fn).toHaveLength(1);
    }
    // The funnel counter reads the table's stream: it calls no homeserver.
    expect(
      JSON.stringify(
        net.template.toJSON().Resources[logicalId(net, net.stack.frontDoor.funnel.function.function.node.defaultChild as CfnElement)]
          .Properties.VpcConfig,
      ),
    ).toBeUndefined();
  });

  it('lets the functions out to the homeserver port and HTTPS only, and nothing in', () => {
    const groups = resources(net, 'AWS::EC2::SecurityGroup').filter(([, g]) => /call the homeserver/.test(g.Properties.GroupDescription));
    expect(groups).toHaveLength(1);
    const group = groups[0]![1];
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    expect(group.Properties.SecurityGroupEgress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ CidrIp: '10.0.8.0/24', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
      ]),
    );
    expect(group.Properties.SecurityGroupEgress).toHaveLength(2);
  });

  it('gives the subnets without a NAT a DynamoDB gateway and a Secrets Manager interface endpoint', () => {
    const endpoints = resources(net, 'AWS::EC2::VPCEndpoint').map(([, e]) => e.Properties);
    const service = (e: Record<string, any>) => JSON.stringify(e.ServiceName);
    const gateway = endpoints.find((e) => service(e).includes('dynamodb'))!;
    expect(gateway.VpcEndpointType ?? 'Gateway').toBe('Gateway');
    expect(gateway.RouteTableIds).toEqual(['rtb-0a1b2c3d4e5f60001', 'rtb-0a1b2c3d4e5f60002']);
    const secrets = endpoints.find((e) => service(e).includes('secretsmanager'))!;
    expect(secrets).toMatchObject({
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: subnets,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
    });
    // The functions inside example-net send nothing and invoke nothing: no SES, SNS or Lambda endpoint to pay for.
    expect(endpoints).toHaveLength(2);
  });

  it('grants the network interface actions Lambda needs only to the functions in the VPC', () => {
    const policies = resources(net, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties).includes('ec2:CreateNetworkInterface'),
    );
    expect(policies).toHaveLength(5);
    const roles = policies.map(([, p]) => JSON.stringify(p.Properties.Roles)).join();
    for (const fn of ['Register', 'Account', 'Pages', 'Admin', 'Checks']) expect(roles).toContain(fn);
    expect(roles).not.toContain('Funnel');
  });
});

describe('the network option: a NAT with a fixed egress IP', () => {
  it('makes a VPC with one NAT gateway and its Elastic IP, and outputs the IP to allow-list', () => {
    variant.template.resourceCountIs('AWS::EC2::NatGateway', 1);
    variant.template.resourceCountIs('AWS::EC2::EIP', 1);
    const eipId = resources(variant, 'AWS::EC2::EIP')[0]![0];
    const outputs = variant.template.findOutputs('HomeserverAllowList');
    expect(JSON.stringify(Object.values(outputs)[0]!.Value)).toContain(eipId);
  });

  it('puts the functions that call the homeserver (admin or client API) in its private subnets, and no other', () => {
    for (const fn of ['register', 'account', 'pages', 'lookup', 'admin', 'email', 'sms', 'checks'])
      expect(fnProps(variant, fn).VpcConfig?.SubnetIds, fn).toHaveLength(1);
    // The funnel counter calls nothing but the table.
    const funnel = variant.stack.frontDoor.funnel.function.function.node.defaultChild as CfnElement;
    expect(variant.template.toJSON().Resources[logicalId(variant, funnel)].Properties.VpcConfig).toBeUndefined();
  });
});

describe('the dashboard', () => {
  const body = (t: SynthesisedTenant) => {
    const dashboard = single(t, 'AWS::CloudWatch::Dashboard');
    return JSON.stringify(dashboard.Properties.DashboardBody);
  };

  it('exists per tenant, with the funnel, failures by reason, and latency p50/p99 per route', () => {
    for (const t of [org, net]) {
      t.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const text = body(t);
      for (const name of ['SignupStarted', 'StagePassed', 'SignupCompleted', 'StageFailed', 'Reason', 'pct(latencyMs, 99)', 'by route']) {
        expect(text, name).toContain(name);
      }
    }
    expect(body(org)).toContain(`Tenant=\\\\\\"example-org\\\\\\"`);
  });

  it("shows today's SMS count and spend against the ceiling (smsPerDay, and smsPerDay × maxPriceUsd) for an SMS tenant", () => {
    const text = body(org);
    expect(text).toContain('SmsSpendEstimateUsd');
    // 500 SMS a day (rateLimits.smsPerDay), at most 0.10 USD each: a 50 USD ceiling.
    expect(text).toMatch(/value\\*":500,\\*"label\\*":\\*"smsPerDay/);
    expect(text).toMatch(/value\\*":50,\\*"label\\*":\\*"smsPerDay × maxPriceUsd/);
    expect(body(net)).not.toContain('SmsSent');
  });
});

describe('alarms that reach someone', () => {
  it('count every 429 from the access logs, by tenant', () => {
    org.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [
        Match.objectLike({
          MetricNamespace: 'MatrixFrontDoor',
          MetricName: 'HttpTooManyRequests',
          Dimensions: [{ Key: 'Tenant', Value: '$.tenant' }],
        }),
      ],
    });
    org.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { Format: Match.stringLikeRegexp('"tenant":"example-org"') },
    });
  });

  it('watch bounces and complaints of the configuration set the stack makes and the email function sends through', () => {
    const setId = logicalId(org, org.stack.frontDoor.mailEvents!.configurationSet.node.defaultChild as CfnElement);
    org.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']) }),
    });
    for (const name of ['Bounce', 'Complaint']) {
      org.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: name,
        Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: setId } }],
      });
    }
    expect(fnProps(org, 'email').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET).toEqual({ Ref: setId });
  });

  it('watch failed SMS deliveries', () => {
    org.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'PhoneNumber', Value: 'PhoneNumberDirect' }],
      Threshold: 10,
    });
  });
});

describe('the CloudFront option in front of the homeserver', () => {
  it('waits 60 s for the homeserver, longer than /sync holds a request, and keeps connections 60 s', () => {
    const distribution = single(net, 'AWS::CloudFront::Distribution');
    const origins = distribution.Properties.DistributionConfig.Origins as {
      DomainName: unknown;
      CustomOriginConfig: Record<string, unknown>;
    }[];
    const homeserver = origins.find((o) => o.DomainName === 'synapse-origin.example.net')!;
    expect(homeserver.CustomOriginConfig).toMatchObject({ OriginReadTimeout: 60, OriginKeepaliveTimeout: 60 });
  });
});

describe('CloudFront and WAF in front of the front door', () => {
  it('adds the origin secret header from the Origin secret, with the web ACL', () => {
    const distribution = single(variant, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.WebACLId).toBe('arn:aws:wafv2:us-east-1:111122223333:global/webacl/front-door/0000');
    const [origin] = config.Origins as { OriginCustomHeaders: { HeaderName: string; HeaderValue: unknown }[] }[];
    const originSecret = logicalId(variant, variant.stack.frontDoor.secrets.origin!.node.defaultChild as CfnElement);
    expect(origin!.OriginCustomHeaders).toEqual([{ HeaderName: 'x-front-door-origin', HeaderValue: expect.anything() }]);
    expect(JSON.stringify(origin!.OriginCustomHeaders[0]!.HeaderValue)).toMatch(
      new RegExp(`resolve:secretsmanager:.*${originSecret}|${originSecret}.*originSecret`),
    );
  });

  it('tells every HTTP function which header to check and where its value is, and only them', () => {
    for (const fn of ['register', 'account', 'email', 'sms', 'checks', 'admin']) {
      expect(fnProps(variant, fn).Environment.Variables, fn).toMatchObject({
        FRONT_DOOR_ORIGIN_HEADER: 'x-front-door-origin',
        FRONT_DOOR_ORIGIN_SECRET_ARN: expect.anything(),
      });
    }
    expect(fnProps(variant, 'lookup').Environment.Variables.FRONT_DOOR_ORIGIN_HEADER).toBeUndefined();
    // The execute-api endpoint stays on: it is CloudFront's origin.
    variant.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('CloudFront before the front door, for the account paths', () => {
  it('forwards the access token on them (keyed on it, kept for no time by default), and only on them', () => {
    const config = single(variant, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const behaviours = config.CacheBehaviors as { PathPattern: string; CachePolicyId: unknown }[];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual([...CDN_ACCOUNT_PATHS].sort());
    const policy = single(variant, 'AWS::CloudFront::CachePolicy').Properties.CachePolicyConfig;
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({
      HeaderBehavior: 'whitelist',
      Headers: ['Authorization'],
    });
    expect([policy.MinTTL, policy.DefaultTTL]).toEqual([0, 0]);
    for (const b of behaviours) expect(JSON.stringify(b.CachePolicyId), b.PathPattern).toContain('"Ref"');
    // Everything else keeps the default: nothing cached, every viewer header but Host.
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });
});

describe('the operator API with IAM', () => {
  it('requires a SigV4 signature on the operator route only, and makes the policy operators attach', () => {
    const routes = resources(variant, 'AWS::ApiGatewayV2::Route');
    const iamRoutes = routes.filter(([, r]) => r.Properties.AuthorizationType === 'AWS_IAM').map(([, r]) => r.Properties.RouteKey);
    expect(iamRoutes).toEqual(['ANY /_front_door/admin/{proxy+}']);
    const policy = single(variant, 'AWS::IAM::ManagedPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({ Action: 'execute-api:Invoke', Resource: expect.anything() }),
    ]);
    expect(JSON.stringify(policy.Properties.PolicyDocument.Statement[0].Resource)).toContain('/*/*/_front_door/admin/*');
    expect(Object.keys(variant.template.findOutputs('OperatorPolicyArn'))).toHaveLength(1);
    org.template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });
});

describe('Route 53', () => {
  it('makes the API certificate, validated in the named zone, and alias records for the front door domain', () => {
    variant.template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'register.example.org',
      DomainValidationOptions: [{ DomainName: 'register.example.org', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
      ValidationMethod: 'DNS',
    });
    // With the CloudFront option in front, the name points at CloudFront (A and AAAA), not at the API.
    const records = resources(variant, 'AWS::Route53::RecordSet').map(([, r]) => r.Properties);
    expect(records.map((r) => `${r.Type} ${r.Name}`).sort()).toEqual(['A join.example.org.', 'AAAA join.example.org.']);
    for (const record of records) expect(JSON.stringify(record.AliasTarget.DNSName)).toContain('FrontDoorCdnDistribution');
    org.template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });
});

describe('synth warnings', () => {
  it('names what an SMS tenant lacks when the loudly named override lets it through', () => {
    const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-org.json'), 'utf8'));
    delete raw.frontDoor.rateLimits;
    raw.deployment.sms.unsafeAllowUnprotectedSms = true;
    const tenant = loadTenant('unsafe', 'unsafe.json', raw);
    expect(tenant.warnings).toEqual([
      expect.stringMatching(/^UNSAFE SMS \(unsafeAllowUnprotectedSms\): missing frontDoor\.rateLimits\.smsPerDay/),
    ]);
    const app = new App({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
    const stack = new TenantStack(app, { tenant });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('UNSAFE SMS'));
  });
});
