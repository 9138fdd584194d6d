/**
 * Tenants with sign-up events (issue 16): the scheduled sweep, the generated events webhook secret, and
 * PutEvents on the configured bus only, each granted to the functions that need it and no other.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, VPC_ACCESS_ACTIONS } from '../../infra/front-door-function.js';
import { addNagChecks } from '../../infra/nag.js';
import { TenantStack } from '../../infra/tenant-stack.js';
import { loadTenant } from '../../infra/tenants.js';
import { actionsOf, cdkContext, logicalId, statementsOf, type Statement, type SynthesisedTenant } from './example-app.js';

const BUS_ARN = 'arn:aws:events:eu-central-1:444455556666:event-bus/central-signups';

/** example-net (eu-central-1, shared secret) with events; `withOnboarding` adds room joins and a bus in another account. */
function eventsTenant(name: string, withOnboarding: boolean) {
  const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-net.json'), 'utf8'));
  raw.deployment.account = '111122223333';
  // The register function, in example-net's subnets, delivers events to a webhook on the internet: it needs egress.
  raw.deployment.network.internetEgress = true;
  // The webhook's first try (5 s) is made inside /register after the creation: the homeserver calls must leave room for it.
  raw.frontDoor.homeserver.timeoutMs = 2000;
  raw.frontDoor.events = {
    eventBridge: { busName: withOnboarding ? BUS_ARN : 'tenant-signups' },
    webhook: { url: 'https://hooks.example.net/matrix' },
  };
  if (withOnboarding) raw.frontDoor.onboarding = { rooms: ['#lobby:example.net'] };
  return loadTenant(name, `${name}.json`, raw);
}

let events: SynthesisedTenant;
let joins: SynthesisedTenant;
let plain: SynthesisedTenant;

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'records-stack-'));
  // No bundling: these assertions are about resources and grants, not the functions' code.
  const app = new App({ outdir, context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  const stacks = [eventsTenant('example-events', false), eventsTenant('example-joins', true)].map(
    (tenant) => new TenantStack(app, { tenant }),
  );
  const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-net.json'), 'utf8'));
  stacks.push(new TenantStack(app, { tenant: loadTenant('example-plain', 'example-plain.json', raw) }));
  addNagChecks(app);
  app.synth();
  [events, joins, plain] = stacks.map((stack) => ({ stack, template: Template.fromStack(stack) })) as [
    SynthesisedTenant,
    SynthesisedTenant,
    SynthesisedTenant,
  ];
}, 120_000);

const functionNames = (t: SynthesisedTenant) => Object.keys(t.stack.frontDoor.functions).sort();
const holders = (t: SynthesisedTenant, test: (s: Statement) => boolean) => functionNames(t).filter((fn) => statementsOf(t, fn).some(test));
const refersTo = (value: unknown, id: string) => JSON.stringify(value).includes(`"${id}"`);
const idOf = (t: SynthesisedTenant, construct: { node: { defaultChild?: unknown } }) =>
  logicalId(t, construct.node.defaultChild as CfnElement);
const sweepFunctionId = (t: SynthesisedTenant) => idOf(t, t.stack.frontDoor.functions.sweep!.function);
const readsSecret = (t: SynthesisedTenant, secret: { node: { defaultChild?: unknown } }) => (s: Statement) =>
  actionsOf(s).includes('secretsmanager:GetSecretValue') && refersTo(s.Resource, idOf(t, secret));
const putsEvents = (s: Statement) => actionsOf(s).some((a) => a.startsWith('events:'));

describe('the sweep', () => {
  it('exists only for a tenant with something to sweep', () => {
    expect(functionNames(events)).toEqual(['account', 'admin', 'checks', 'pages', 'register', 'sweep']);
    expect(functionNames(plain)).toEqual(['account', 'admin', 'checks', 'pages', 'register']);
    plain.template.resourceCountIs('AWS::Events::Rule', 0);
  });

  it('runs every minute from an EventBridge rule, not retried by it (the next sweep does the same work)', () => {
    for (const t of [events, joins]) {
      t.template.resourceCountIs('AWS::Events::Rule', 1);
      t.template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [sweepFunctionId(t), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
      });
      t.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [sweepFunctionId(t), 'Arn'] },
      });
      t.template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Timeout: 60,
        Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), FRONT_DOOR_CONFIG_JSON: Match.anyValue() }) },
        Description: Match.stringLikeRegexp('sweep'),
      });
    }
  });

  it('gets only the outbox items it retries and the counters it adds to (no scan, no batch, no table admin) when no sign-up waits', () => {
    for (const t of [events, joins]) {
      const table = statementsOf(t, 'sweep').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      expect(table).toEqual([
        {
          Effect: 'Allow',
          // CDK sorts a statement's actions.
          Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': [idOf(t, t.stack.frontDoor.table), 'Arn'] },
          // The outbox's partition exactly: not the markers beside it (outbox-key#…), nor anything else.
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['outbox'] } },
        },
        {
          Effect: 'Allow',
          // The abandoned sign-ups it counts: one ADD on the hour's counters item, nothing else of that partition.
          Action: 'dynamodb:UpdateItem',
          Resource: { 'Fn::GetAtt': [idOf(t, t.stack.frontDoor.table), 'Arn'] },
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['counters'] } },
        },
      ]);
    }
  });

  it('reads the homeserver credential (and the key it is loaded with) only when onboarding joins rooms', () => {
    const { secrets } = events.stack.frontDoor;
    expect(holders(events, readsSecret(events, secrets.homeserver))).toEqual(['account', 'pages', 'register']);
    expect(holders(events, readsSecret(events, secrets.keys))).toEqual(['account', 'admin', 'checks', 'pages', 'register']);
    const j = joins.stack.frontDoor.secrets;
    expect(holders(joins, readsSecret(joins, j.homeserver))).toEqual(['account', 'pages', 'register', 'sweep']);
    expect(holders(joins, readsSecret(joins, j.keys))).toEqual(['account', 'admin', 'checks', 'pages', 'register', 'sweep']);
    expect(holders(joins, readsSecret(joins, j.operator))).toEqual(['admin']);
    const env = (t: SynthesisedTenant) =>
      (t.template.findResources('AWS::Lambda::Function')[sweepFunctionId(t)] as { Properties: { Environment: { Variables: object } } })
        .Properties.Environment.Variables;
    expect(Object.keys(env(events))).not.toContain('FRONT_DOOR_HOMESERVER_SECRET_ARN');
    expect(Object.keys(env(joins))).toContain('FRONT_DOOR_HOMESERVER_SECRET_ARN');
  });
});

describe('the sweep in the tenant network', () => {
  const vpcConfig = (t: SynthesisedTenant) =>
    (t.template.findResources('AWS::Lambda::Function')[sweepFunctionId(t)] as { Properties: { VpcConfig?: unknown } }).Properties.VpcConfig;

  it('runs in the subnets only when onboarding makes it call the homeserver', () => {
    expect(vpcConfig(events)).toBeUndefined();
    expect(vpcConfig(joins)).toBeDefined();
  });
});

describe('sign-up events', () => {
  it('generate the webhook signing secret (base64 for a Standard Webhooks key) only when a webhook is configured', () => {
    const secret = events.stack.frontDoor.secrets.events!;
    events.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{}',
        GenerateStringKey: 'webhookSecret',
        PasswordLength: 44,
        ExcludePunctuation: true,
      },
    });
    expect(plain.stack.frontDoor.secrets.events).toBeUndefined();
    expect(Object.keys(plain.template.findResources('AWS::SecretsManager::Secret'))).toHaveLength(3);
    expect(holders(events, readsSecret(events, secret))).toEqual(['admin', 'register', 'sweep']);
    events.template.hasOutput('EventsWebhookSecretArn', { Value: { Ref: idOf(events, secret) } });
  });

  it('may be put on the configured bus only, by the functions that put them (register leaves its own to the sweep)', () => {
    expect(holders(events, putsEvents)).toEqual(['admin', 'sweep']);
    expect(holders(plain, putsEvents)).toEqual([]);
    for (const fn of ['admin', 'sweep']) {
      expect(statementsOf(events, fn).filter(putsEvents)).toEqual([
        {
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:eu-central-1:111122223333:event-bus/tenant-signups',
        },
      ]);
      // A bus given by its ARN (here in another account) is granted as it is.
      expect(statementsOf(joins, fn).filter(putsEvents)).toEqual([{ Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN }]);
    }
  });

  it('grant no wildcard action or resource to any function', () => {
    for (const t of [events, joins]) {
      for (const fn of functionNames(t)) {
        // Lambda's network interface actions for a function in a VPC take no resource (acknowledged to cdk-nag).
        const vpcAccess = (s: Statement) => actionsOf(s).every((a) => VPC_ACCESS_ACTIONS.includes(a));
        for (const s of statementsOf(t, fn).filter((s) => !vpcAccess(s))) {
          for (const action of actionsOf(s)) expect(action, `${fn}: ${action}`).not.toMatch(/\*/);
          expect(JSON.stringify(s.Resource ?? null), fn).not.toMatch(/"\*"|event-bus\/\*/);
        }
      }
    }
  });
});
