/**
 * The register function's first answer, in a fresh `node` as Lambda starts it, is made without undici (Node's
 * fetch implementation, ~18 ms of a cold start): the entries serve Hono with their own fetch classes
 * (functions/entries/fetch/install.ts). Node loads undici the first time anything touches `Headers`, `Request`,
 * `Response` or `fetch`, so a change that brings one of those back onto the sign-up's path fails here.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantTable } from '../../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../../local/dev-homeserver/index.js';
import { httpApiEvent } from '../support/http-api-event.js';
import { bundleEntry } from './lambda-stand-ins.js';

/** Loads the bundle, answers one event, and says what the answer was and whether undici was loaded for it. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, event] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const answer = await handler(JSON.parse(event), { awsRequestId: 'first-answer' });
const undici = process.moduleLoadList.some((name) => name.includes('undici'));
process.stdout.write('\\n@@answer ' + JSON.stringify({ status: answer.statusCode, body: answer.body, undici }) + '\\n', () => process.exit(0));
`;

describe("the register function's first answer", () => {
  let homeserver: DevHomeserver;
  let dir: string;
  let bundle: string;
  const tableName = `first-answer-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'first-answer-'));
    bundle = await bundleEntry('register', dir);
    writeFileSync(join(dir, 'runner.mjs'), RUNNER);
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 'shared-s3cret', adminToken: 'admin-t0ken' });
    await createTenantTable(new DynamoDBClient({}), tableName);
  }, 60_000);

  afterAll(async () => {
    await homeserver?.close();
  });

  it('starts a session in DynamoDB without loading undici', () => {
    const event = httpApiEvent('POST', '/_matrix/client/v3/register', {});
    const run = spawnSync(process.execPath, [join(dir, 'runner.mjs'), bundle, JSON.stringify(event)], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: process.env.AWS_REGION,
        AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
        AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        FRONT_DOOR_CONFIG_JSON: JSON.stringify({
          serverName: 'example.org',
          homeserver: { url: homeserver.url, mode: 'shared_secret' },
          registration: { flows: [['m.login.dummy']] },
        }),
        TABLE_NAME: tableName,
        REGISTRATION_SHARED_SECRET: 'shared-s3cret',
        FRONT_DOOR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
    const line = /@@answer (.*)/.exec(run.stdout)?.[1];
    expect(line, run.stderr).toBeDefined();
    const answer = JSON.parse(line!);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ flows: [{ stages: ['m.login.dummy'] }], session: expect.any(String) });
    expect(answer.undici).toBe(false);
  });
});
