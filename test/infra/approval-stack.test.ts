/**
 * Tenants whose sign-ups may wait for an operator (`approval`, or a `decisionHook` that may queue), beside
 * the same tenant without: approving makes the account and tells the person, so then, and only then, the
 * admin function reads the homeserver credential and may send as the senders do; the register function
 * mails the operators of each waiting sign-up when they asked for it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/front-door-function.js';
import { addNagChecks } from '../../infra/nag.js';
import { TenantStack } from '../../infra/tenant-stack.js';
import { loadTenant } from '../../infra/tenants.js';
import { actionsOf, cdkContext, logicalId, statementsOf, type Statement, type SynthesisedTenant } from './example-app.js';

const tenants = {} as Record<'approval' | 'hook' | 'plain', SynthesisedTenant>;

/** example-org (SES identity, SMS, email and phone flows), with `change` applied to its front-door config. */
function variant(name: string, change: (frontDoor: Record<string, unknown>) => void) {
  const raw = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants/example-org.json'), 'utf8'));
  change(raw.frontDoor);
  return loadTenant(name, `${name}.json`, raw);
}

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'approval-stack-'));
  // No bundling: these assertions are about roles and environments, not the functions' code.
  const app = new App({ outdir, context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  const stacks = {
    approval: new TenantStack(app, {
      tenant: variant('example-approval', (c) => {
        c.approval = { when: { withoutToken: true }, operatorEmails: ['moderators@example.org'] };
      }),
    }),
    hook: new TenantStack(app, {
      tenant: variant('example-hook', (c) => {
        // Asked inside /register beside the captcha and the creation: short enough to fit 29 s (infra/timeouts.ts).
        c.decisionHook = { url: 'https://hooks.example.org/decide', timeoutMs: 1000 };
      }),
    }),
    plain: new TenantStack(app, { tenant: variant('example-plain', () => undefined) }),
  };
  addNagChecks(app);
  app.synth();
  for (const [key, stack] of Object.entries(stacks)) tenants[key as keyof typeof tenants] = { stack, template: Template.fromStack(stack) };
}, 120_000);

type Fn = { function: { node: { defaultChild: unknown } } };
const functionOf = (t: SynthesisedTenant, fn: string) => {
  const id = logicalId(t, (t.stack.frontDoor.functions as unknown as Record<string, Fn>)[fn]!.function.node.defaultChild as CfnElement);
  return t.template.toJSON().Resources[id].Properties as { Timeout: number; Environment: { Variables: Record<string, unknown> } };
};
const homeserverSecretId = (t: SynthesisedTenant) => logicalId(t, t.stack.frontDoor.secrets.homeserver.node.defaultChild as CfnElement);
const readsHomeserverSecret = (t: SynthesisedTenant) => (s: Statement) =>
  actionsOf(s).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(`"${homeserverSecretId(t)}"`);
const holders = (t: SynthesisedTenant, test: (s: Statement) => boolean) =>
  Object.keys(t.stack.frontDoor.functions)
    .filter((fn) => statementsOf(t, fn).some(test))
    .sort();
const sends = (s: Statement) => actionsOf(s).some((a) => a.startsWith('ses:'));
const publishes = (s: Statement) => actionsOf(s).some((a) => a.startsWith('sns:'));

describe('a tenant whose sign-ups wait for approval', () => {
  it('lets the admin function read the homeserver credential, named by ARN in its environment, beside the register, pages and lookup functions', () => {
    const t = tenants.approval;
    // Beside the functions that run the engine (register, pages) and the senders' internal owner lookup.
    expect(holders(t, readsHomeserverSecret(t))).toEqual(['account', 'admin', 'lookup', 'pages', 'register']);
    const admin = functionOf(t, 'admin');
    expect(admin.Environment.Variables.FRONT_DOOR_HOMESERVER_SECRET_ARN).toEqual({ Ref: homeserverSecretId(t) });
    // Approving makes an account, which may take several homeserver calls: the register function's timeout.
    expect(admin.Timeout).toBe(29);
  });

  it('lets the admin function tell the person by mail and SMS, exactly as the senders may', () => {
    const admin = statementsOf(tenants.approval, 'admin');
    expect(admin.filter(sends)).toEqual(statementsOf(tenants.approval, 'email').filter(sends));
    // SendEmail only, on the tenant identity and its configuration set (whose bounces the alarms watch).
    expect(admin.filter(sends)).toHaveLength(1);
    expect(admin.filter(sends)[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Resource: ['arn:aws:ses:eu-west-1:111122223333:identity/example.org', expect.anything()],
      Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@example.org' } },
    });
    // Its notices go through the tenant's configuration set, as the email function's mail does.
    expect(functionOf(tenants.approval, 'admin').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET).toEqual(
      functionOf(tenants.approval, 'email').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET,
    );
    expect(admin.filter(publishes)).toEqual(statementsOf(tenants.approval, 'sms').filter(publishes));
    expect(admin.filter(publishes)).toHaveLength(1);
  });

  it('lets the sweep mail the operators of each waiting sign-up the register function kept, and neither publish', () => {
    // Register keeps its notices in the outbox (no mail client in its bundle); the sweep mails them as the email function may.
    const sweep = statementsOf(tenants.approval, 'sweep');
    expect(sweep.filter(sends)).toEqual(statementsOf(tenants.approval, 'email').filter(sends));
    expect(functionOf(tenants.approval, 'sweep').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET).toEqual(
      functionOf(tenants.approval, 'email').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET,
    );
    for (const fn of ['register', 'sweep']) expect(statementsOf(tenants.approval, fn).some(publishes)).toBe(false);
    expect(functionOf(tenants.approval, 'register').Environment.Variables.FRONT_DOOR_SES_CONFIGURATION_SET).toBeUndefined();
    expect(holders(tenants.approval, sends)).toEqual(['admin', 'email', 'sweep']);
    expect(holders(tenants.approval, publishes)).toEqual(['admin', 'sms']);
  });

  it('does the same for a decision hook alone (its "queue" answer needs no approval rule), without the operators’ mail', () => {
    const t = tenants.hook;
    expect(holders(t, readsHomeserverSecret(t))).toEqual(['account', 'admin', 'lookup', 'pages', 'register']);
    expect(functionOf(t, 'admin').Environment.Variables.FRONT_DOOR_HOMESERVER_SECRET_ARN).toBeDefined();
    expect(holders(t, sends)).toEqual(['admin', 'email']);
    expect(holders(t, publishes)).toEqual(['admin', 'sms']);
  });
});

describe('the approval queue in the table', () => {
  const leadingKeys = (s: Statement) =>
    [
      (s as { Condition?: { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys'?: string | string[] } } }).Condition?.[
        'ForAllValues:StringLike'
      ]?.['dynamodb:LeadingKeys'] ?? [],
    ].flat();
  /** The DynamoDB actions a function may make on the items of `key`. */
  const actionsOn = (t: SynthesisedTenant, fn: string, key: string) =>
    [
      ...new Set(
        statementsOf(t, fn)
          .filter((s) => leadingKeys(s).includes(key))
          .flatMap(actionsOf),
      ),
    ].sort();

  it('is put to by the register function, decided by the admin function, expired by the sweep, and nothing else', () => {
    const t = tenants.approval;
    expect(actionsOn(t, 'register', 'approval')).toEqual(['dynamodb:PutItem']);
    expect(actionsOn(t, 'admin', 'approval')).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actionsOn(t, 'sweep', 'approval')).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const fn of ['email', 'sms', 'checks', 'lookup']) expect(actionsOn(t, fn, 'approval'), fn).toEqual([]);
    // Without waiting sign-ups, neither the admin function nor anything else but the register code's put reaches it.
    expect(actionsOn(tenants.plain, 'admin', 'approval')).toEqual([]);
    expect(actionsOn(tenants.plain, 'admin', 'session#*')).toEqual([]);
  });

  it('lets the admin function make the approved account as the register function does (session, name, token use, record)', () => {
    const t = tenants.approval;
    for (const key of ['session#*', 'username#*', 'address#*', 'regtoken-session#*', 'account#*']) {
      expect(actionsOn(t, 'admin', key), key).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      );
    }
    // Closing an expired request deletes its session and frees its name; the sweep never creates either.
    expect(actionsOn(t, 'sweep', 'session#*')).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem']);
    expect(actionsOn(t, 'sweep', 'username#*')).toEqual(['dynamodb:DeleteItem']);
    expect(functionOf(t, 'sweep').Timeout).toBe(60);
  });
});

describe('the same tenant without approval', () => {
  it('keeps the admin function without the homeserver credential, the senders’ rights or the long timeout', () => {
    const t = tenants.plain;
    expect(holders(t, readsHomeserverSecret(t))).toEqual(['account', 'lookup', 'pages', 'register']);
    const admin = functionOf(t, 'admin');
    expect(admin.Environment.Variables.FRONT_DOOR_HOMESERVER_SECRET_ARN).toBeUndefined();
    expect(admin.Timeout).toBe(10);
    expect(holders(t, sends)).toEqual(['email']);
    expect(holders(t, publishes)).toEqual(['sms']);
  });
});
