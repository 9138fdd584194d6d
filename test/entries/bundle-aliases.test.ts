/**
 * The SDK modules the Lambda bundles replace (infra/bundle-aliases.ts: environment credentials, no event-stream
 * serde) leave every call the front door makes working: the register bundle, built as the stack builds it,
 * reads its secrets from Secrets Manager (a loopback stand-in speaking its JSON protocol), writes and reads
 * DynamoDB Local, and reads a Secrets Manager refusal as the SDK's own error. (bundles.test.ts runs a whole
 * sign-up through the email, checks, lookup and register bundles: SES, Lambda Invoke and DynamoDB.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretArnVariable } from '../../functions/compose/tenant-secrets.js';
import { createTenantTable } from '../../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../../local/dev-homeserver/index.js';
import { httpApiEvent } from '../support/http-api-event.js';
import { bundleEntry, coldStart } from './lambda-stand-ins.js';

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbCdEf`;

/** Secrets Manager's GetSecretValue on loopback (JSON 1.1 over POST, as the SDK sends it); keeps each call's headers. */
async function startSecretsManager(values: Record<string, string>) {
  const calls: { target: string; secretId: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const { SecretId: secretId } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId: string };
      calls.push({ target, secretId, headers: req.headers });
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      if (target !== 'secretsmanager.GetSecretValue') return json(400, { __type: 'UnknownOperationException', message: target });
      const value = values[secretId];
      if (value === undefined) {
        return json(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      }
      json(200, { ARN: secretId, Name: secretId.split(':').at(-1), SecretString: value, VersionId: 'v1', CreatedDate: 1_790_000_000 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the Lambda bundles with their SDK aliases', () => {
  let homeserver: DevHomeserver;
  let secretsManager: Awaited<ReturnType<typeof startSecretsManager>>;
  let bundle: string;
  const tableName = `aliases-${randomBytes(4).toString('hex')}`;
  const saved = { ...process.env };
  const env = () => ({
    FRONT_DOOR_CONFIG_JSON: JSON.stringify({
      serverName: 'example.org',
      homeserver: { url: homeserver.url, mode: 'shared_secret' },
      registration: { flows: [['m.login.dummy']] },
    }),
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
    [SecretArnVariable.Keys]: ARN('keys'),
    [SecretArnVariable.Homeserver]: ARN('homeserver'),
    FRONT_DOOR_ENCRYPTION_KEY: undefined,
    REGISTRATION_SHARED_SECRET: undefined,
    HOMESERVER_ADMIN_TOKEN: undefined,
  });

  beforeAll(async () => {
    bundle = await bundleEntry('register', mkdtempSync(join(tmpdir(), 'bundle-aliases-')));
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 'shared-s3cret', adminToken: 'admin-t0ken' });
    secretsManager = await startSecretsManager({
      [ARN('keys')]: JSON.stringify({ encryptionKey: randomBytes(32).toString('base64') }),
      [ARN('homeserver')]: JSON.stringify({ registrationSharedSecret: 'shared-s3cret' }),
    });
    await createTenantTable(new DynamoDBClient({}), tableName);
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([homeserver?.close(), secretsManager?.close()]);
  });

  it('read the secrets from Secrets Manager and answer with a session written to DynamoDB', async () => {
    // The bundle is the aliased one: the stand-in's refusal is in it.
    expect(readFileSync(bundle, 'utf8')).toContain('AWS event streams are not in the Lambda bundles');
    const handler = await coldStart(bundle, env(), 'secrets-manager');
    const calls = secretsManager.calls.filter((call) => call.target === 'secretsmanager.GetSecretValue');
    expect(calls.map((call) => call.secretId).sort()).toEqual([ARN('homeserver'), ARN('keys')]);
    // Signed by the SDK in the bundle with the environment's credentials (the credential alias).
    expect(calls[0]!.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${process.env.AWS_ACCESS_KEY_ID}/`));

    const answer = await handler(httpApiEvent('POST', '/_matrix/client/v3/register', {}));
    expect(answer.statusCode).toBe(401);
    const { session, flows } = JSON.parse(answer.body);
    expect(flows).toEqual([{ stages: ['m.login.dummy'] }]);
    const stored = await new DynamoDBClient({}).send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `session#${session}` }, sk: { S: 'session' } }, ConsistentRead: true }),
    );
    expect(stored.Item?.status?.S).toBe('open');

    const done = await handler(
      httpApiEvent('POST', '/_matrix/client/v3/register', {
        username: 'alias',
        password: 'correct horse battery',
        auth: { type: 'm.login.dummy', session },
      }),
    );
    expect(done.statusCode).toBe(200);
    expect(JSON.parse(done.body).user_id).toBe('@alias:example.org');
  });

  it("fail the cold start with Secrets Manager's own error for a secret it does not have", async () => {
    const missing = { ...env(), [SecretArnVariable.Homeserver]: ARN('no-such-secret') };
    await expect(coldStart(bundle, missing, 'missing-secret')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
