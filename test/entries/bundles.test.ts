/**
 * The Lambda bundles as the stack builds them, each cold-started with only its own secrets from the
 * environment, serving one sign-up across three of them: the email bundle mails a link (SES stand-in),
 * the checks bundle takes the click, the register bundle creates the account, the lookup bundle answers owner lookups.
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
import type { FunctionName } from '../../infra/routes.js';
import { httpApiEvent as apiEvent } from '../support/http-api-event.js';
import { bundleEntry, coldStart, stackConfig, startLambdaInvoke, type Handler } from './lambda-stand-ins.js';

const SECRETS = [
  'REGISTRATION_SHARED_SECRET',
  'HOMESERVER_ADMIN_TOKEN',
  'FRONT_DOOR_OPERATOR_KEY',
  'FRONT_DOOR_ENCRYPTION_KEY',
  'FRONT_DOOR_LOOKUP_FUNCTION',
] as const;
const noSecrets = Object.fromEntries(SECRETS.map((name) => [name, undefined]));

describe('the Lambda bundles', () => {
  let homeserver: DevHomeserver;
  let mail: MailCatcher;
  let lambda: Awaited<ReturnType<typeof startLambdaInvoke>>;
  const bundles = {} as Record<FunctionName, string>;
  const handlers = {} as Record<FunctionName, Handler>;
  const saved = { ...process.env };
  const encryptionKey = randomBytes(32).toString('base64');
  /** The tenant's config as written, and the environment every function shares (the config as the stack sets it). */
  let rawConfig: Record<string, unknown>;
  let common: Record<string, string | undefined>;

  beforeAll(async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'bundles-'));
    await Promise.all(
      (['register', 'account', 'lookup', 'pages', 'email', 'checks', 'admin'] as const).map(
        async (name) => (bundles[name] = await bundleEntry(name, outdir)),
      ),
    );
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 'shared-s3cret', adminToken: 'admin-t0ken' });
    mail = await startMailCatcher();
    lambda = await startLambdaInvoke({ 'lookup-fn': () => handlers.lookup });
    const tableName = `bundles-${randomBytes(4).toString('hex')}`;
    await createTenantTable(new DynamoDBClient({}), tableName);
    rawConfig = {
      serverName: 'example.org',
      homeserver: { url: homeserver.url, mode: 'shared_secret' },
      registration: { flows: [['m.login.email.identity']] },
      threepid: {
        brandName: 'Example Chat',
        publicBaseUrl: 'https://register.example.org',
        email: { from: 'Example Chat <no-reply@example.org>' },
      },
      cors: { allowedOrigins: ['https://app.example.org'] },
    };
    common = {
      ...stackConfig(rawConfig),
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_SES: mail.url,
      AWS_ENDPOINT_URL_LAMBDA: lambda.url,
      ...noSecrets,
      FRONT_DOOR_ENCRYPTION_KEY: encryptionKey,
    };
    // Each cold start sees only the secrets its function is granted in AWS.
    handlers.register = await coldStart(bundles.register, {
      ...common,
      REGISTRATION_SHARED_SECRET: 'shared-s3cret',
      HOMESERVER_ADMIN_TOKEN: 'admin-t0ken',
    });
    handlers.account = await coldStart(bundles.account, {
      ...common,
      REGISTRATION_SHARED_SECRET: 'shared-s3cret',
      HOMESERVER_ADMIN_TOKEN: 'admin-t0ken',
    });
    handlers.lookup = await coldStart(bundles.lookup, {
      ...common,
      REGISTRATION_SHARED_SECRET: 'shared-s3cret',
      HOMESERVER_ADMIN_TOKEN: 'admin-t0ken',
    });
    handlers.pages = await coldStart(bundles.pages, {
      ...common,
      REGISTRATION_SHARED_SECRET: 'shared-s3cret',
      HOMESERVER_ADMIN_TOKEN: 'admin-t0ken',
    });
    handlers.email = await coldStart(bundles.email, { ...common, FRONT_DOOR_LOOKUP_FUNCTION: 'lookup-fn' });
    handlers.checks = await coldStart(bundles.checks, common);
    handlers.admin = await coldStart(bundles.admin, { ...common, FRONT_DOOR_OPERATOR_KEY: 'operator-key-of-the-tests' });
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([homeserver?.close(), mail?.stop(), lambda?.close()]);
  });

  async function requestToken(email: string, clientSecret: string) {
    return handlers.email(
      apiEvent('POST', '/_matrix/client/v3/register/email/requestToken', { email, client_secret: clientSecret, send_attempt: 1 }),
    );
  }

  it('sign a user up across the email, checks and register bundles', async () => {
    const clientSecret = 'client-secret-1';
    const requested = await requestToken('ann@example.net', clientSecret);
    expect(requested.statusCode).toBe(200);
    const { sid } = JSON.parse(requested.body);
    // The email bundle asked the lookup bundle what its start-up probe found (at cold start) and who owns
    // the address: it holds no homeserver credential.
    expect(lambda.calls).toEqual(['lookup-fn', 'lookup-fn']);

    const [sent] = (await mail.mails()).filter((m) => m.to.includes('ann@example.net'));
    expect(sent!.from).toBe('Example Chat <no-reply@example.org>');
    const link = new URL(/https:\/\/register\.example\.org\S+/.exec(sent!.text)![0]);
    const clicked = await handlers.checks(apiEvent('GET', `${link.pathname}${link.search}`));
    expect(clicked.statusCode).toBe(200);

    const first = await handlers.register(
      apiEvent('POST', '/_matrix/client/v3/register', { username: 'ann', password: 'correct horse battery' }),
    );
    expect(first.statusCode).toBe(401);
    const { session } = JSON.parse(first.body);
    const done = await handlers.register(
      apiEvent('POST', '/_matrix/client/v3/register', {
        auth: { type: 'm.login.email.identity', session, threepid_creds: { sid, client_secret: clientSecret } },
      }),
    );
    expect(done.statusCode).toBe(200);
    expect(JSON.parse(done.body).user_id).toBe('@ann:example.org');
    expect(homeserver.getUser('@ann:example.org')?.threepids).toEqual([
      expect.objectContaining({ medium: 'email', address: 'ann@example.net' }),
    ]);
  });

  it("refuse a bound address through the lookup bundle's owner lookup", async () => {
    const again = await requestToken('ann@example.net', 'client-secret-2');
    expect(again.statusCode).toBe(400);
    expect(JSON.parse(again.body).errcode).toBe('M_THREEPID_IN_USE');
    expect(lambda.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('answer a malformed owner lookup without asking the homeserver', async () => {
    expect(await handlers.lookup({ frontDoor: 'findUserByThreepid', medium: 'carrier-pigeon', address: 'x' })).toEqual({
      failure: 'misconfigured',
      message: 'malformed owner lookup',
    });
  });

  it('answer nothing but owner lookups from the lookup bundle: an API Gateway event is refused', async () => {
    await expect(
      handlers.lookup(apiEvent('POST', '/_matrix/client/v3/register', { username: 'eve', password: 'correct horse battery' })),
    ).rejects.toThrow(/owner lookups only/);
    expect(homeserver.getUser('@eve:example.org')).toBeUndefined();
  });

  it('serve the fallback pages from the pages bundle only (a stage the tenant does not offer is a Matrix 404 there)', async () => {
    const path = '/_matrix/client/v3/auth/m.login.terms/fallback/web?session=abc';
    const fromPages = await handlers.pages(apiEvent('GET', path));
    expect(fromPages.statusCode).toBe(404);
    expect(JSON.parse(fromPages.body)).toMatchObject({ errcode: 'M_UNRECOGNIZED', error: 'No fallback page for this login type' });
    const fromRegister = await handlers.register(apiEvent('GET', path));
    expect(JSON.parse(fromRegister.body)).toMatchObject({ errcode: 'M_UNRECOGNIZED' });
    expect(JSON.parse(fromRegister.body).error).not.toBe('No fallback page for this login type');
  });

  it('serve the account routes from the account bundle, and no longer from the register bundle', async () => {
    const add = apiEvent('POST', '/_matrix/client/v3/account/3pid/add', { sid: 'sid1', client_secret: 'cs1' });
    const fromAccount = await handlers.account(add);
    expect(fromAccount.statusCode).toBe(401);
    expect(JSON.parse(fromAccount.body).errcode).toBe('M_MISSING_TOKEN');
    const fromRegister = await handlers.register(add);
    expect(fromRegister.statusCode).toBe(404);
    expect(JSON.parse(fromRegister.body).errcode).toBe('M_UNRECOGNIZED');
  });

  it('answer preflights and unknown paths as Matrix does, from the table-only bundle', async () => {
    const preflight = await handlers.checks(apiEvent('OPTIONS', '/_matrix/client/v3/register/email/requestToken'));
    expect(preflight.statusCode).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
    const unknown = await handlers.checks(apiEvent('POST', '/_matrix/client/v3/register'));
    expect(JSON.parse(unknown.body).errcode).toBe('M_UNRECOGNIZED');
  });

  it('serve the operator API only from the admin bundle, which refuses requests without the key', async () => {
    const anonymous = await handlers.admin(apiEvent('GET', '/_front_door/admin/v1/registration_tokens'));
    expect([401, 403, 404]).toContain(anonymous.statusCode);
    expect(JSON.parse(anonymous.body).errcode).toMatch(/^M_/);
  });

  it('fail the cold start, naming the variable, when a function lacks its secret', async () => {
    // The environment every function shares holds no secret but the key.
    const env = common;
    await expect(coldStart(bundles.register, env, 'no-credential')).rejects.toThrow(/REGISTRATION_SHARED_SECRET: required/);
    await expect(coldStart(bundles.admin, env, 'no-operator-key')).rejects.toThrow(/FRONT_DOOR_OPERATOR_KEY: /);
    await expect(coldStart(bundles.checks, { ...env, FRONT_DOOR_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'short-key')).rejects.toThrow(
      /FRONT_DOOR_ENCRYPTION_KEY: must be 32 random bytes/,
    );
  });

  it('parse in full a config set without its digest, or edited since (in the console): a bad one fails the cold start by its path', async () => {
    const byHand = { ...common, FRONT_DOOR_CONFIG_JSON: JSON.stringify(rawConfig), FRONT_DOOR_CONFIG_SHA256: undefined };
    const checks = await coldStart(bundles.checks, byHand, 'by-hand');
    const preflight = await checks(apiEvent('OPTIONS', '/_matrix/client/v3/register/email/requestToken'));
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
    // The stack's digest is still there, of the JSON before the edit.
    const edited = {
      ...common,
      FRONT_DOOR_CONFIG_JSON: JSON.stringify({ ...rawConfig, cors: { allowedOrigins: 'https://app.example.org' } }),
    };
    await expect(coldStart(bundles.checks, edited, 'edited')).rejects.toThrow(/cors\.allowedOrigins: /);
  });
});
