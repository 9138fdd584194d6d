import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantTable } from '../local/create-table.js';
import { startDevHomeserver, type DevHomeserver } from '../local/dev-homeserver/index.js';
import { httpApiEvent } from './support/http-api-event.js';

describe('the Lambda entry', () => {
  let homeserver: DevHomeserver;
  let handler: (event: unknown, context: unknown) => Promise<any>;

  beforeAll(async () => {
    homeserver = await startDevHomeserver({ serverName: 'example.org', sharedSecret: 's3cret' });
    const tableName = `lambda-${randomBytes(4).toString('hex')}`;
    await createTenantTable(new DynamoDBClient({}), tableName);
    Object.assign(process.env, {
      FRONT_DOOR_CONFIG_JSON: JSON.stringify({
        serverName: 'example.org',
        homeserver: { url: homeserver.url, mode: 'shared_secret' },
        registration: { flows: [['m.login.dummy']] },
      }),
      TABLE_NAME: tableName,
      REGISTRATION_SHARED_SECRET: 's3cret',
      FRONT_DOOR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    ({ handler } = (await import('../functions/entries/lambda.js')) as any);
  });
  afterAll(() => homeserver.close());

  it('serves a whole registration from API Gateway v2 events', async () => {
    const first = await handler(
      httpApiEvent('POST', '/_matrix/client/v3/register', { username: 'lambda', password: 'correct horse battery' }),
      {},
    );
    expect(first.statusCode).toBe(401);
    const session = JSON.parse(first.body).session;
    const done = await handler(httpApiEvent('POST', '/_matrix/client/v3/register', { auth: { type: 'm.login.dummy', session } }), {});
    expect(done.statusCode).toBe(200);
    expect(JSON.parse(done.body).user_id).toBe('@lambda:example.org');
    expect(homeserver.getUser('@lambda:example.org')).toBeDefined();
  });

  it('answers an unknown path with a Matrix 404', async () => {
    const res = await handler(httpApiEvent('GET', '/_matrix/client/v3/nope'), {});
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).errcode).toBe('M_UNRECOGNIZED');
  });
});
