/**
 * The SDK modules the Lambda bundles replace (infra/bundle-aliases.ts: environment credentials, no event-stream
 * serde, our keep-alive HTTP handler, a Map-based endpoint cache, the runtime's invoke store, node:crypto's
 * SHA-256) leave every call the front door makes working, and an SDK release that imports something else of them
 * fails here: every entry bundles with no missing export; the register bundle, built as the stack builds it,
 * reads its secrets from Secrets Manager (a loopback stand-in speaking its JSON protocol that checks each SigV4
 * signature itself), writes and reads DynamoDB Local, and fails its cold start with a configuration error naming
 * the variable for a secret the service does not have; the email and sms bundles ask the lookup bundle over Lambda
 * Invoke and send through the SES and SNS stand-ins. (bundles.test.ts runs a whole sign-up through the email,
 * checks, lookup and register bundles.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretArnVariable } from '../../functions/compose/tenant-secrets.js';
import { FUNCTION_ENTRIES } from '../../infra/routes.js';
import { SWEEP_ENTRY } from '../../infra/front-door-sweep.js';
import { FUNNEL_ENTRY } from '../../infra/funnel-counter.js';
import { createTenantTable } from '../../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../../local/dev-homeserver/index.js';
import { startMailCatcher, type MailCatcher } from '../../local/mail-catcher.js';
import { startSmsOutbox, type SmsOutbox } from '../../local/sms-outbox/index.js';
import { buildAsDeployed } from '../support/deployed-build.js';
import { httpApiEvent } from '../support/http-api-event.js';
import { startSecretsManager, sigV4Scope, type SecretsManagerStandIn } from '../support/secrets-manager-stand-in.js';
import { bundleEntry, coldStart, stackConfig, startLambdaInvoke, type Handler } from './lambda-stand-ins.js';

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbCdEf`;
const ENTRIES = { ...FUNCTION_ENTRIES, sweep: SWEEP_ENTRY, funnel: FUNNEL_ENTRY, lambda: 'functions/entries/lambda.ts' };

describe('every entry bundled with the SDK aliases', () => {
  it.each(Object.keys(ENTRIES))('%s: builds with no missing export and no warning', async (name) => {
    const result = await buildAsDeployed(ENTRIES[name as keyof typeof ENTRIES]);
    // An import of a name a stand-in lacks is a build error (the build throws); a CommonJS one only a warning.
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.text)).toEqual([]);
  });
});

describe('the Lambda bundles with their SDK aliases', () => {
  let homeserver: DevHomeserver;
  let secretsManager: SecretsManagerStandIn;
  let mail: MailCatcher;
  let sms: SmsOutbox;
  let lambda: Awaited<ReturnType<typeof startLambdaInvoke>>;
  const bundles: Record<string, string> = {};
  const handlers: Record<string, Handler> = {};
  const tableName = `aliases-${randomBytes(4).toString('hex')}`;
  const saved = { ...process.env };
  const env = () => ({
    ...stackConfig({
      serverName: 'example.org',
      homeserver: { url: homeserver.url, mode: 'shared_secret' },
      registration: { flows: [['m.login.dummy'], ['m.login.email.identity'], ['m.login.msisdn']] },
      threepid: {
        brandName: 'Example Chat',
        publicBaseUrl: 'https://register.example.org',
        email: { from: 'Example Chat <no-reply@example.org>' },
        msisdn: {},
      },
    }),
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
    AWS_ENDPOINT_URL_SES: mail.url,
    AWS_ENDPOINT_URL_SNS: sms.url,
    AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    [SecretArnVariable.Keys]: ARN('keys'),
    [SecretArnVariable.Homeserver]: ARN('homeserver'),
    FRONT_DOOR_ENCRYPTION_KEY: undefined,
    REGISTRATION_SHARED_SECRET: undefined,
    HOMESERVER_ADMIN_TOKEN: undefined,
    FRONT_DOOR_LOOKUP_FUNCTION: undefined,
  });

  beforeAll(async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'bundle-aliases-'));
    for (const name of ['register', 'lookup', 'email', 'sms'] as const) bundles[name] = await bundleEntry(name, outdir);
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 'shared-s3cret', adminToken: 'admin-t0ken' });
    // Signatures checked against the key the bundles' environment credentials carry.
    secretsManager = await startSecretsManager(
      {
        [ARN('keys')]: JSON.stringify({ encryptionKey: randomBytes(32).toString('base64') }),
        [ARN('homeserver')]: JSON.stringify({ registrationSharedSecret: 'shared-s3cret', homeserverAdminToken: 'admin-t0ken' }),
      },
      { secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! },
    );
    [mail, sms] = await Promise.all([startMailCatcher(), startSmsOutbox()]);
    lambda = await startLambdaInvoke({ 'lookup-fn': () => handlers.lookup });
    await createTenantTable(new DynamoDBClient({}), tableName);
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([homeserver?.close(), secretsManager?.close(), mail?.stop(), sms?.stop(), lambda?.close()]);
  });

  it('read the secrets from Secrets Manager and answer with a session written to DynamoDB', async () => {
    // The bundle is the aliased one: the stand-ins are in it.
    const code = readFileSync(bundles.register!, 'utf8');
    expect(code).toContain('AWS event streams are not in the Lambda bundles');
    handlers.register = await coldStart(bundles.register!, env(), 'secrets-manager');
    const calls = secretsManager.calls.filter((call) => call.target === 'secretsmanager.GetSecretValue');
    expect(calls.map((call) => call.secretId).sort()).toEqual([ARN('homeserver'), ARN('keys')]);
    // Signed in the bundle (node:crypto's SHA-256 alias) with the environment's credentials (the credential alias).
    expect(calls.every((call) => call.signatureValid)).toBe(true);
    expect(sigV4Scope(calls[0]!.headers.authorization)).toMatchObject({
      accessKeyId: process.env.AWS_ACCESS_KEY_ID,
      region: process.env.AWS_REGION,
      service: 'secretsmanager',
    });

    const answer = await handlers.register(httpApiEvent('POST', '/_matrix/client/v3/register', {}));
    expect(answer.statusCode).toBe(401);
    const { session } = JSON.parse(answer.body);
    const stored = await new DynamoDBClient({}).send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `session#${session}` }, sk: { S: 'session' } }, ConsistentRead: true }),
    );
    expect(stored.Item?.status?.S).toBe('open');

    const done = await handlers.register(
      httpApiEvent('POST', '/_matrix/client/v3/register', {
        username: 'alias',
        password: 'correct horse battery',
        auth: { type: 'm.login.dummy', session },
      }),
    );
    expect(done.statusCode).toBe(200);
    expect(JSON.parse(done.body).user_id).toBe('@alias:example.org');
  });

  it('fail the cold start with a configuration error naming the variable for a secret Secrets Manager does not have', async () => {
    const missing = { ...env(), [SecretArnVariable.Homeserver]: ARN('no-such-secret') };
    const failed = coldStart(bundles.register!, missing, 'missing-secret');
    await expect(failed).rejects.toMatchObject({ name: 'ConfigError' });
    await expect(failed).rejects.toThrow(
      `${SecretArnVariable.Homeserver}: Secrets Manager refused GetSecretValue: ResourceNotFoundException`,
    );
  });

  it('send a mail through SES and a text through SNS from the email and sms bundles, the owner asked over Lambda Invoke', async () => {
    handlers.lookup = await coldStart(bundles.lookup!, env(), 'lookup');
    const senders = { ...env(), FRONT_DOOR_LOOKUP_FUNCTION: 'lookup-fn' };
    handlers.email = await coldStart(bundles.email!, senders, 'email');
    handlers.sms = await coldStart(bundles.sms!, senders, 'sms');

    const mailed = await handlers.email(
      httpApiEvent('POST', '/_matrix/client/v3/register/email/requestToken', {
        email: 'bea@example.net',
        client_secret: 'client-secret-1',
        send_attempt: 1,
      }),
    );
    expect(mailed.statusCode).toBe(200);
    const [sent] = (await mail.mails()).filter((m) => m.to.includes('bea@example.net'));
    expect(sent!.text).toMatch(/https:\/\/register\.example\.org\S+/);

    const texted = await handlers.sms(
      httpApiEvent('POST', '/_matrix/client/v3/register/msisdn/requestToken', {
        country: 'GB',
        phone_number: '07400 654321',
        client_secret: 'client-secret-2',
        send_attempt: 1,
      }),
    );
    expect(texted.statusCode).toBe(200);
    expect(sms.messages()).toEqual([expect.objectContaining({ to: '+447400654321' })]);
    // Both asked the lookup bundle (its probe at their cold starts, then the owner), which read its secrets signed.
    expect(lambda.calls.length).toBeGreaterThanOrEqual(4);
    expect(secretsManager.calls.every((call) => call.signatureValid)).toBe(true);
  });
});
