/**
 * A tenant whose sign-ups wait for approval, in the Lambda bundles as the stack builds them, each
 * cold-started with only the secrets its function is granted: the register bundle queues the sign-up and
 * keeps the operators' notice in the outbox, the sweep bundle mails it, the admin bundle (which then holds
 * the homeserver credential) approves it, and the person logs in. The single-function bundle needs the operator key for such a tenant, and decides with it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantTable } from '../../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../../local/dev-homeserver/index.js';
import { startMailCatcher, type MailCatcher } from '../../local/mail-catcher.js';
import { httpApiEvent as apiEvent } from '../support/http-api-event.js';
import { login } from '../approval/support.js';
import { bundleEntry, coldStart, stackConfig, type Handler } from './lambda-stand-ins.js';

const OPERATOR_KEY = 'operator-key-of-the-approval-bundles';
const PASSWORD = 'correct horse battery';
const REGISTER = '/_matrix/client/v3/register';
const REQUESTS = '/_front_door/admin/v1/signup_requests';
const SECRETS = [
  'REGISTRATION_SHARED_SECRET',
  'HOMESERVER_ADMIN_TOKEN',
  'FRONT_DOOR_OPERATOR_KEY',
  'FRONT_DOOR_OPERATOR_KEYS',
  'FRONT_DOOR_ENCRYPTION_KEY',
  'FRONT_DOOR_REGISTER_FUNCTION',
] as const;
const noSecrets = Object.fromEntries(SECRETS.map((name) => [name, undefined]));
const HOMESERVER_SECRETS = { REGISTRATION_SHARED_SECRET: 'shared-s3cret', HOMESERVER_ADMIN_TOKEN: 'admin-t0ken' };

const body = (answer: { body: string }) => JSON.parse(answer.body);
const asOperator = { authorization: `Bearer ${OPERATOR_KEY}` };

describe('the Lambda bundles of a tenant whose sign-ups wait for approval', () => {
  let homeserver: DevHomeserver;
  let mail: MailCatcher;
  const bundles = {} as Record<'register' | 'admin' | 'lambda' | 'sweep', string>;
  const saved = { ...process.env };
  let common: Record<string, string | undefined>;
  /** The single-function bundle, which no stack deploys: its config is set by hand, without a digest, and parsed in full. */
  let byHand: Record<string, string | undefined>;

  beforeAll(async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'approval-bundles-'));
    await Promise.all(
      (['register', 'admin', 'lambda', 'sweep'] as const).map(async (name) => (bundles[name] = await bundleEntry(name, outdir))),
    );
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 'shared-s3cret', adminToken: 'admin-t0ken' });
    mail = await startMailCatcher();
    const tableName = `approval-bundles-${randomBytes(4).toString('hex')}`;
    await createTenantTable(new DynamoDBClient({}), tableName);
    const config = {
      serverName: 'example.org',
      homeserver: { url: homeserver.url, mode: 'shared_secret' },
      registration: { flows: [['m.login.dummy']] },
      // Mail is configured (the operators are told), but no flow verifies an address.
      threepid: {
        brandName: 'Example Chat',
        publicBaseUrl: 'https://register.example.org',
        email: { from: 'Example Chat <no-reply@example.org>' },
      },
      approval: { when: { always: true }, operatorEmails: ['ops@example.org'] },
    };
    common = {
      ...stackConfig(config),
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_SES: mail.url,
      ...noSecrets,
      FRONT_DOOR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    byHand = { ...common, FRONT_DOOR_CONFIG_JSON: JSON.stringify(config), FRONT_DOOR_CONFIG_SHA256: undefined };
  }, 90_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([homeserver?.close(), mail?.stop()]);
  });

  /** A dummy-flow sign-up through `handler`, which ends waiting. */
  async function waitingSignUp(handler: Handler, username: string) {
    const first = await handler(apiEvent('POST', REGISTER, { username, password: PASSWORD }));
    expect(first.statusCode).toBe(401);
    const final = await handler(apiEvent('POST', REGISTER, { auth: { type: 'm.login.dummy', session: body(first).session } }));
    expect(final.statusCode).toBe(403);
    expect(body(final)).toMatchObject({ errcode: 'M_USER_AWAITING_APPROVAL', approval_notice_medium: 'm.none' });
  }

  /** Lists the waiting requests through `admin` and approves `username`'s. */
  async function approve(admin: Handler, username: string) {
    const listed = await admin(apiEvent('GET', REQUESTS, undefined, asOperator));
    expect(listed.statusCode).toBe(200);
    const request = body(listed).requests.find((r: { username: string }) => r.username === username);
    expect(request).toMatchObject({ state: 'pending', user_id: `@${username}:example.org` });
    return admin(apiEvent('POST', `${REQUESTS}/${request.id}/approve`, {}, asOperator));
  }

  it('queue a sign-up in the register bundle, mail the operators from the sweep, approve it in the admin bundle: the person logs in', async () => {
    const register = await coldStart(bundles.register, { ...common, ...HOMESERVER_SECRETS });
    await waitingSignUp(register, 'ann');
    const toOperators = async () => (await mail.mails()).filter((m) => m.to.includes('ops@example.org'));
    // The register bundle has no mail client: the notice waits in the outbox for the sweep (every minute in AWS).
    expect(await toOperators()).toEqual([]);
    // The sweep is granted the key (a closed request gives back its token use), not the homeserver credential.
    const sweep = await coldStart(bundles.sweep, common);
    expect(await sweep({})).toMatchObject({ done: 1 });
    expect((await toOperators()).at(-1)!.text).toContain('Username: ann');
    expect(homeserver.getUser('@ann:example.org')).toBeUndefined();

    // The admin function of such a tenant is granted the homeserver credential (infra/front-door.ts).
    const admin = await coldStart(bundles.admin, { ...common, ...HOMESERVER_SECRETS, FRONT_DOOR_OPERATOR_KEY: OPERATOR_KEY });
    const approved = await approve(admin, 'ann');
    expect(approved.statusCode).toBe(200);
    expect(body(approved)).toMatchObject({ state: 'approved', user_id: '@ann:example.org', decided_now: true });
    expect((await login(homeserver.url, 'ann')).status).toBe(200);
  });

  it('fail the admin cold start without the homeserver credential, naming it: nobody could approve', async () => {
    await expect(coldStart(bundles.admin, { ...common, FRONT_DOOR_OPERATOR_KEY: OPERATOR_KEY }, 'admin-no-credential')).rejects.toThrow(
      /REGISTRATION_SHARED_SECRET: required/,
    );
  });

  it('fail the single-function cold start without an operator key, then queue and approve through it with one', async () => {
    await expect(coldStart(bundles.lambda, { ...byHand, ...HOMESERVER_SECRETS }, 'lambda-no-key')).rejects.toThrow(
      /FRONT_DOOR_OPERATOR_KEY: /,
    );
    const whole = await coldStart(bundles.lambda, { ...byHand, ...HOMESERVER_SECRETS, FRONT_DOOR_OPERATOR_KEY: OPERATOR_KEY }, 'lambda');
    await waitingSignUp(whole, 'bea');
    const approved = await approve(whole, 'bea');
    expect(body(approved)).toMatchObject({ state: 'approved', user_id: '@bea:example.org' });
    expect((await login(homeserver.url, 'bea')).status).toBe(200);
  });
});
