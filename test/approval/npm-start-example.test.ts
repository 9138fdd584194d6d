/** `FRONT_DOOR_EXAMPLE=approval npm start`: a sign-up without an example.org address waits; the operator approves it; the person logs in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalFrontDoor, startLocal } from '../../local/start.js';

const KEY = 'an-operator-key-for-the-example';

describe('the approval example of npm start', () => {
  let local: LocalFrontDoor;
  beforeAll(async () => {
    const { HOMESERVER_URL: _u, SERVER_NAME: _n, REGISTRATION_SHARED_SECRET: _s, HOMESERVER_ADMIN_TOKEN: _t, ...env } = process.env;
    local = await startLocal(
      {
        ...env,
        FRONT_DOOR_EXAMPLE: 'approval',
        FRONT_DOOR_OPERATOR_KEY: KEY,
        PORT: '0',
        DEV_HOMESERVER_PORT: '0',
        MAIL_CATCHER_PORT: '0',
        SMS_OUTBOX_PORT: '0',
        DECISION_HOOK_PORT: '0',
        TABLE_NAME: 'approval-example',
        AWS_ENDPOINT_URL_SES: '',
        AWS_ENDPOINT_URL_SNS: '',
      },
      { quiet: true },
    );
  });
  afterAll(() => local?.stop());

  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${local.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('says where the hook receiver is, queues a plain sign-up, and lets an operator approve it', async () => {
    expect(local.started.some((line) => line.startsWith('decision hook receiver'))).toBe(true);
    const first = await call('/_matrix/client/v3/register', { username: 'olga', password: 'correct horse battery' });
    const session = first.body.session;
    await call('/_matrix/client/v3/register', { auth: { type: 'm.login.terms', session } });
    const final = await call('/_matrix/client/v3/register', { auth: { type: 'm.login.dummy', session } });
    expect(final).toMatchObject({ status: 403, body: { errcode: 'M_USER_AWAITING_APPROVAL' } });
    const list = await call('/_front_door/admin/v1/signup_requests');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const request = list.body.requests.find((r: { username: string }) => r.username === 'olga');
    expect(request.reasons).toEqual(['email_domain']);
    expect((await call(`/_front_door/admin/v1/signup_requests/${request.id}/approve`, {})).body.user_id).toBe('@olga:localhost');
    const login = await fetch(`${local.config.homeserver.url}/_matrix/client/v3/login`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: 'olga' },
        password: 'correct horse battery',
      }),
    });
    expect(login.status).toBe(200);
  });
});
