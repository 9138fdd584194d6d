import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/front-door-function.js';
import { addNagChecks } from '../../infra/nag.js';
import { buildTenantApp } from '../../infra/tenant-app.js';
import { TenantError } from '../../infra/tenants.js';

const example = (name: string) => JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'infra/tenants', `${name}.json`), 'utf8'));

/** Builds the app from tenant files written to a fresh directory; returns the error it throws. */
function synthError(tenants: Record<string, unknown>): Error {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
  const listed: Record<string, string> = {};
  for (const [name, content] of Object.entries(tenants)) {
    writeFileSync(join(dir, `${name}.json`), typeof content === 'string' ? content : JSON.stringify(content));
    listed[name] = `${name}.json`;
  }
  try {
    buildTenantApp({ baseDir: dir, outdir: join(dir, 'out'), context: { tenants: listed } });
  } catch (error) {
    return error as Error;
  }
  throw new Error('the app was built');
}

function withChange(name: string, change: (tenant: any) => void) {
  const tenant = example(name);
  change(tenant);
  return tenant;
}

describe('a bad tenant config', () => {
  it('fails the synth naming the tenant and the field of the front-door config', () => {
    const error = synthError({ acme: withChange('example-net', (t) => (t.frontDoor.homeserver.mode = 'magic')) });
    expect(error).toBeInstanceOf(TenantError);
    expect(error.message).toMatch(/^tenant "acme" \(acme\.json\) is invalid:/);
    expect(error.message).toContain('frontDoor.homeserver.mode');
  });

  it('names every field at fault at once, in the deployment settings too', () => {
    const error = synthError({
      acme: withChange('example-net', (t) => {
        t.deployment.region = 'mars-1';
        t.deployment.logRetentionDays = 42;
        delete t.frontDoor.serverName;
      }),
    });
    expect(error.message).toContain('deployment.region');
    expect(error.message).toContain('deployment.logRetentionDays');
    expect(error.message).toContain('frontDoor.serverName');
  });

  it('refuses flows that cannot work, as the functions would at start-up', () => {
    const error = synthError({ acme: withChange('example-net', (t) => (t.frontDoor.registration.flows = [['m.login.email.identity']])) });
    expect(error.message).toMatch(/tenant "acme"/);
    expect(error.message).toMatch(/frontDoor\.\S*threepid|frontDoor\.registration/);
  });

  it('refuses a tenant that sends mail without an SES identity, or from an address the identity does not cover', () => {
    const noIdentity = synthError({ acme: withChange('example-org', (t) => delete t.deployment.email) });
    expect(noIdentity.message).toContain('deployment.email: required when frontDoor.threepid.email is set');
    const otherDomain = synthError({
      acme: withChange('example-org', (t) => (t.frontDoor.threepid.email.from = 'Acme <no-reply@acme.test>')),
    });
    expect(otherDomain.message).toContain('deployment.email.identityArn');
  });

  it('refuses SMS without a spend alarm', () => {
    const error = synthError({ acme: withChange('example-org', (t) => delete t.deployment.sms) });
    expect(error.message).toContain('deployment.sms: required when frontDoor.threepid.msisdn is set');
  });

  it('refuses an SMS tenant without spend protection: no daily ceiling, no gate or captcha, no country list', () => {
    const error = synthError({
      acme: withChange('example-org', (t) => {
        delete t.frontDoor.rateLimits;
        delete t.frontDoor.gate;
        delete t.frontDoor.captcha;
        t.frontDoor.registration.flows = [
          ['m.login.terms', 'm.login.email.identity'],
          ['m.login.terms', 'm.login.msisdn'],
        ];
        delete t.frontDoor.threepid.msisdn.allowedCountries;
      }),
    });
    expect(error.message).toContain(
      'frontDoor.rateLimits.smsPerDay: required when frontDoor.threepid.msisdn is set (SMS spend protection)',
    );
    expect(error.message).toContain('frontDoor.gate.beforeSending (or a captcha): required when frontDoor.threepid.msisdn is set');
    expect(error.message).toContain('frontDoor.threepid.msisdn.allowedCountries: required when frontDoor.threepid.msisdn is set');
  });

  it('refuses an SMS tenant that lacks only the daily ceiling', () => {
    const error = synthError({ acme: withChange('example-org', (t) => delete t.frontDoor.rateLimits.smsPerDay) });
    expect(error.message.split('\n').slice(1)).toEqual([expect.stringContaining('frontDoor.rateLimits.smsPerDay: required')]);
  });

  it('lets an unprotected SMS tenant through only with the loudly named override, saying what it lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    const tenant = withChange('example-org', (t) => {
      delete t.frontDoor.rateLimits;
      t.deployment.sms.unsafeAllowUnprotectedSms = true;
    });
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(tenant));
    const { stacks } = buildTenantApp({ baseDir: dir, outdir: join(dir, 'out'), context: { tenants: { acme: 'acme.json' } } });
    expect(stacks[0]!.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringContaining('UNSAFE SMS'));
  });

  it('refuses alarms that reach nobody unless the file says so', () => {
    const error = synthError({ acme: withChange('example-net', (t) => delete t.deployment.alarms) });
    expect(error.message).toContain('deployment.alarms: required');
    const empty = synthError({ acme: withChange('example-net', (t) => (t.deployment.alarms = {})) });
    expect(empty.message).toContain('deployment.alarms: name a subscriber');
    const nobody = withChange('example-net', (t) => (t.deployment.alarms = { notifyNobody: true }));
    expect(() => synthError({ acme: nobody })).toThrow('the app was built');
  });

  it('refuses a homeserver timeout that the calls of one registration cannot fit into 30 s', () => {
    const error = synthError({ acme: withChange('example-net', (t) => (t.frontDoor.homeserver.timeoutMs = 10_000)) });
    expect(error.message).toMatch(
      /frontDoor\.homeserver\.timeoutMs: one registration may make 9 homeserver calls: 9 × 10000 ms .* set it to 3000 or less/,
    );
  });

  it('refuses a decision hook whose timeout pushes one registration past 29 s, naming the field', () => {
    // example-org: 9 × 2500 ms + the captcha's 3000 ms + 2000 ms of own work is 27 500 ms; a 2 s hook passes 29 000.
    const error = synthError({
      acme: withChange('example-org', (t) => (t.frontDoor.decisionHook = { url: 'https://hooks.example.org/decide', timeoutMs: 2000 })),
    });
    expect(error.message).toContain('and wait for the decision hook (decisionHook.timeoutMs: 2000 ms)');
    expect(error.message).toMatch(
      /is 29500 ms, more than the 29000 ms .*or lower frontDoor\.captcha\.timeoutMs, frontDoor\.decisionHook\.timeoutMs/,
    );
  });

  it('refuses an events webhook whose first try (made inside /register) pushes it past 29 s', () => {
    const error = synthError({
      acme: withChange(
        'example-org',
        (t) => (t.frontDoor.events = { webhook: { url: 'https://hooks.example.org/events', timeoutMs: 2000 } }),
      ),
    });
    expect(error.message).toContain("the sign-up event webhook's first try (events.webhook.timeoutMs: 2000 ms)");
  });

  it('refuses a captcha in subnets without internet egress', () => {
    const error = synthError({
      acme: withChange('example-net', (t) => {
        t.frontDoor.captcha = { provider: 'hcaptcha', publicKey: 'k', hostnames: ['example.net'], timeoutMs: 1000 };
        t.frontDoor.registration.flows = [['m.login.recaptcha']];
      }),
    });
    expect(error.message).toContain('deployment.network: the captcha provider is on the internet');
  });

  it('refuses a decision hook or an events webhook (called from the register function) in subnets without internet egress', () => {
    const error = synthError({
      acme: withChange('example-net', (t) => {
        t.frontDoor.decisionHook = { url: 'https://hooks.example.net/decide' };
        t.frontDoor.events = { webhook: { url: 'https://hooks.example.net/events' } };
      }),
    });
    expect(error.message).toContain('deployment.network: the decision hook (frontDoor.decisionHook.url) is on the internet');
    expect(error.message).toContain('deployment.network: the events webhook (frontDoor.events.webhook.url) is on the internet');
  });

  it('names the tenant whose file is not JSON, among good ones', () => {
    const error = synthError({ good: example('example-net'), broken: '{ "deployment": ' });
    expect(error.message).toMatch(/^tenant "broken"/);
  });

  it('refuses a tenant name that cannot name a stack', () => {
    expect(synthError({ Bad_Name: example('example-net') }).message).toMatch(/tenant "Bad_Name".*\n.*name: must be/);
  });
});

describe('the cdk-nag checks', () => {
  it('fail the synthesis on a finding nobody acknowledged', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'nag-')) });
    const stack = new Stack(app, 'Careless');
    new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    addNagChecks(app);
    // CDK's own CloudFormation rules engine takes seconds to start and is not what this test is about.
    process.env.CDK_VALIDATION = 'false';
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
    } finally {
      delete process.env.CDK_VALIDATION;
    }
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports[0].violations.map((v: { ruleName: string }) => v.ruleName)).toContain('AwsSolutions-DDB3');
  });
});
