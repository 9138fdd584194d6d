/**
 * A tenant with the hosted sign-up page (`pages`, here at /join) that verifies email and phone, behind the
 * CloudFront option: the page's routes, the register function's right to send, the CDN's paths.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { frontDoorRoutes, signupPageRoutes } from '../../functions/http/route-table.js';
import { PROJECT_ROOT } from '../../infra/front-door-function.js';
import { addNagChecks } from '../../infra/nag.js';
import { CDN_ACCOUNT_PATHS, CDN_FRONT_DOOR_PATHS } from '../../infra/routes.js';
import { TenantStack } from '../../infra/tenant-stack.js';
import { loadTenant } from '../../infra/tenants.js';
import { actionsOf, cdkContext, logicalId, statementsOf, type Statement, type SynthesisedTenant } from './example-app.js';

const PATH = '/join';
/** The forgot-password page's default path. */
const RESET = '/forgot-password';

let tenant: SynthesisedTenant;

/** example-org (SES identity, SMS, email and phone flows) with a sign-up page and password reset, behind CloudFront. */
function pagesTenant() {
  const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-org.json'), 'utf8'));
  raw.frontDoor.pages = { path: PATH, brand: { name: 'Example Chat' } };
  raw.frontDoor.recovery = {};
  raw.deployment.homeserverCdn = {
    domainName: 'matrix.example.org',
    certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000003',
  };
  return loadTenant('example-pages', 'example-pages.json', raw);
}

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'pages-stack-'));
  // No bundling: these assertions are about routes, roles and the CDN, not the functions' code.
  const app = new App({ outdir, context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new TenantStack(app, { tenant: pagesTenant() });
  addNagChecks(app);
  app.synth();
  tenant = { stack, template: Template.fromStack(stack) };
}, 120_000);

const resources = (type: string) => Object.entries(tenant.template.findResources(type)) as [string, { Properties: Record<string, any> }][];
const functionId = (fn: string) =>
  logicalId(
    tenant,
    (tenant.stack.frontDoor.functions as Record<string, { function: { node: { defaultChild: unknown } } }>)[fn]!.function.node
      .defaultChild as CfnElement,
  );

describe('a tenant with the sign-up page', () => {
  it('has the config it was built for: email and phone verification, a page at /join', () => {
    expect(tenant.stack.frontDoor.functions.email).toBeDefined();
    expect(tenant.stack.frontDoor.functions.sms).toBeDefined();
    expect(signupPageRoutes(PATH).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${PATH}`,
      `POST ${PATH}`,
      `GET ${PATH}/continue`,
      `GET ${PATH}/static/{file}`,
      `POST ${PATH}/password-strength`,
    ]);
  });

  it('sends the page, its mail link target and its static files to the register function', () => {
    const routes = resources('AWS::ApiGatewayV2::Route');
    const integrations = resources('AWS::ApiGatewayV2::Integration');
    const targetOf = (routeKey: string) => {
      const route = routes.find(([, r]) => r.Properties.RouteKey === routeKey);
      if (!route) return undefined;
      const integrationId = JSON.stringify(route[1].Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
      const uri = JSON.stringify(integrations.find(([id]) => id === integrationId)![1].Properties.IntegrationUri);
      return Object.keys(tenant.stack.frontDoor.functions).find((fn) => uri.includes(`"${functionId(fn)}"`));
    };
    expect(routes).toHaveLength(frontDoorRoutes(PATH, RESET).length + 1);
    for (const routeKey of [`GET ${PATH}`, `POST ${PATH}`, `GET ${PATH}/continue`, `GET ${PATH}/static/{file}`]) {
      expect(targetOf(routeKey), routeKey).toBe('register');
    }
    // The JSON API keeps its own functions beside the page.
    expect(targetOf('POST /_matrix/client/v3/register/email/requestToken')).toBe('email');
    expect(targetOf('POST /_matrix/client/v3/register/msisdn/requestToken')).toBe('sms');
  });

  it('lets the register function send mail from the tenant sender and publish SMS, as the senders may', () => {
    const sends = (s: Statement) => actionsOf(s).some((a) => a.startsWith('ses:'));
    const publishes = (s: Statement) => actionsOf(s).some((a) => a.startsWith('sns:'));
    const register = statementsOf(tenant, 'register');
    expect(register.filter(sends)).toEqual(statementsOf(tenant, 'email').filter(sends));
    expect(register.filter(sends)).toEqual([
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: ['arn:aws:ses:eu-west-1:111122223333:identity/example.org', expect.anything()],
        Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@example.org' } },
      },
    ]);
    expect(register.filter(publishes)).toEqual(statementsOf(tenant, 'sms').filter(publishes));
    expect(register.filter(publishes)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sns:Publish',
        NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
      },
    ]);
    // Only the register function gains anything: no other function may send what it did not send before.
    expect(statementsOf(tenant, 'checks').some((s) => sends(s) || publishes(s))).toBe(false);
    expect(statementsOf(tenant, 'admin').some((s) => sends(s) || publishes(s))).toBe(false);
  });

  it('sends the page path and everything under it through CloudFront to the front door', () => {
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, { Properties: { DistributionConfig: any } }]];
    const config = distribution.Properties.DistributionConfig;
    const behaviours = config.CacheBehaviors as { PathPattern: string; TargetOriginId: string }[];
    const pages = [PATH, `${PATH}/*`, `${PATH}/static/*`, RESET, `${RESET}/*`, `${RESET}/static/*`];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual([...CDN_FRONT_DOOR_PATHS, ...CDN_ACCOUNT_PATHS, ...pages].sort());
    const origin = (pattern: string) => behaviours.find((b) => b.PathPattern === pattern)!.TargetOriginId;
    const frontDoorOrigin = origin(CDN_FRONT_DOOR_PATHS[0]!);
    expect(frontDoorOrigin).not.toBe(config.DefaultCacheBehavior.TargetOriginId);
    expect(origin(PATH)).toBe(frontDoorOrigin);
    expect(origin(`${PATH}/*`)).toBe(frontDoorOrigin);
    expect(origin(`${PATH}/static/*`)).toBe(frontDoorOrigin);
    for (const pattern of [...CDN_ACCOUNT_PATHS, RESET, `${RESET}/*`]) expect(origin(pattern), pattern).toBe(frontDoorOrigin);
  });

  it('forwards the access token on the account paths, keyed on it and kept for no time by default', () => {
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, { Properties: { DistributionConfig: any } }]];
    const behaviours = distribution.Properties.DistributionConfig.CacheBehaviors as { PathPattern: string; CachePolicyId: unknown }[];
    const policies = resources('AWS::CloudFront::CachePolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    const config = policy.Properties.CachePolicyConfig;
    expect(config.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({
      HeaderBehavior: 'whitelist',
      Headers: ['Authorization'],
    });
    expect(config.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect([config.MinTTL, config.DefaultTTL]).toEqual([0, 0]);
    for (const path of CDN_ACCOUNT_PATHS) {
      expect(behaviours.find((b) => b.PathPattern === path)!.CachePolicyId, path).toEqual({ Ref: policyId });
    }
  });

  it('forwards each page’s cookie (and only it) to the front door, and caches only the immutable page assets', () => {
    const policies = Object.values(tenant.template.findResources('AWS::CloudFront::OriginRequestPolicy')) as {
      Properties: {
        OriginRequestPolicyConfig: { Name?: string; Comment: string; CookiesConfig: { CookieBehavior: string; Cookies?: string[] } };
      };
    }[];
    const cookies = policies.map((p) => p.Properties.OriginRequestPolicyConfig.CookiesConfig);
    expect(cookies).toContainEqual({ CookieBehavior: 'whitelist', Cookies: ['fd_signup'] });
    expect(cookies).toContainEqual({ CookieBehavior: 'whitelist', Cookies: ['fd_reset'] });
    expect(cookies.filter((c) => c.CookieBehavior !== 'none')).toHaveLength(2);
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, { Properties: { DistributionConfig: any } }]];
    const behaviours = distribution.Properties.DistributionConfig.CacheBehaviors as { PathPattern: string; CachePolicyId: string }[];
    const cachePolicy = (pattern: string) => behaviours.find((b) => b.PathPattern === pattern)!.CachePolicyId;
    // CloudFront's managed policies, by id: CachingDisabled and CachingOptimized.
    expect(cachePolicy(PATH)).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(cachePolicy(`${PATH}/static/*`)).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
  });
});
