/**
 * Key rotation (issue 17): a session opened, a registration token made and an email validation begun under
 * key 1 keep working on a front door whose newest key is key 2 (key 1 listed as previous); without key 1
 * in the list they would not. The rotated front door is built as a redeployed function would be: a new app
 * over the same table, its keys read from the secret's shape.
 */
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { secretsFromEnv } from '../../functions/compose/tenant-secrets.js';
import { send } from '../support/client.js';
import { linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { OPERATOR_KEY, TOKENS, VALIDITY } from '../gating/support.js';

const EMAIL_TOKEN = '/_matrix/client/v3/register/email/requestToken';
const key1 = randomBytes(32);
const key2 = randomBytes(32);
const json = { 'content-type': 'application/json' };

describe('key rotation', () => {
  let h: Harness;
  const post = (app: Hono, body: unknown) => send(app, REGISTER, { method: 'POST', body, headers: json });
  /** The front door as it runs after the Keys secret changed: `encryptionKey` new, the old one listed as previous. */
  const rotated = (env: Record<string, string>) =>
    buildFrontDoor({
      config: h.config,
      dynamo: h.db,
      clock: h.clock,
      secrets: {
        ...h.secrets,
        ...secretsFromEnv(h.config, {
          REGISTRATION_SHARED_SECRET: h.secrets.registrationSharedSecret!,
          HOMESERVER_ADMIN_TOKEN: h.secrets.homeserverAdminToken!,
          FRONT_DOOR_OPERATOR_KEY: OPERATOR_KEY,
          ...env,
        }),
      },
    });

  beforeAll(async () => {
    h = await startHarness({
      messaging: true,
      secrets: { encryptionKey: key1, operatorKey: OPERATOR_KEY },
      config: {
        registration: {
          flows: [
            ['m.login.registration_token', 'm.login.dummy'],
            ['m.login.registration_token', 'm.login.email.identity'],
          ],
        },
        threepid: THREEPID,
      },
    });
  });
  afterAll(() => h.close());

  it('keeps an open session, a registration token and an email validation made under key 1 working after key 2 becomes the newest', async () => {
    // Under key 1: a token, a session that holds a (sealed) password, and an email validation.
    const made = await send(h.app, `${TOKENS}/new`, {
      method: 'POST',
      body: { token: 'before-rotation', uses_allowed: 3 },
      headers: { ...json, authorization: `Bearer ${OPERATOR_KEY}` },
    });
    expect(made.status).toBe(200);
    const first = await post(h.app, { username: 'rotated', password: 'correct horse battery' });
    const session = first.body.session as string;
    const emailFirst = await post(h.app, { username: 'mailed', password: 'correct horse battery' });
    const emailSession = emailFirst.body.session as string;
    const asked = await h.post(EMAIL_TOKEN, { email: 'mailed@example.org', client_secret: 'rotation-secret', send_attempt: 1 });
    expect(asked.status).toBe(200);

    const app = rotated({
      FRONT_DOOR_ENCRYPTION_KEY: key2.toString('base64'),
      FRONT_DOOR_PREVIOUS_ENCRYPTION_KEYS: key1.toString('base64'),
    });

    // The token is still found (its id is its keyed hash under key 1), valid, and its use is taken.
    expect((await send(app, `${VALIDITY}?token=before-rotation`, { method: 'GET' })).body).toEqual({ valid: true });
    expect(await post(app, { auth: { type: 'm.login.registration_token', token: 'before-rotation', session } })).toMatchObject({
      status: 401,
    });
    // The password sealed under key 1 is opened to create the account.
    const done = await post(app, { auth: { type: 'm.login.dummy', session } });
    expect(done).toMatchObject({ status: 200, body: { user_id: '@rotated:localhost' } });

    // The mailed link (its client secret and token hashed under key 1) validates on the rotated front door.
    const link = await linkInMail(h, 'mailed@example.org');
    const clicked = await send(app, `${link.pathname}${link.search}`, { method: 'GET' });
    expect(clicked.status).toBe(200);
    expect(
      await post(app, { auth: { type: 'm.login.registration_token', token: 'before-rotation', session: emailSession } }),
    ).toMatchObject({ status: 401 });
    const creds = { sid: asked.body.sid, client_secret: 'rotation-secret' };
    const mailed = await post(app, {
      auth: { type: 'm.login.email.identity', threepid_creds: creds, threepidCreds: creds, session: emailSession },
    });
    expect(mailed).toMatchObject({ status: 200, body: { user_id: '@mailed:localhost' } });

    // The token's uses were counted against the one record, not a second one under key 2.
    const listed = await send(app, TOKENS, { method: 'GET', headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    expect(listed.body.registration_tokens).toEqual([expect.objectContaining({ token: 'before-rotation', completed: 2, uses_allowed: 3 })]);
  });

  it('makes new values under the newest key: a front door holding only key 1 does not know a token made after the rotation', async () => {
    const app = rotated({
      FRONT_DOOR_ENCRYPTION_KEY: key2.toString('base64'),
      FRONT_DOOR_PREVIOUS_ENCRYPTION_KEYS: key1.toString('base64'),
    });
    const made = await send(app, `${TOKENS}/new`, {
      method: 'POST',
      body: { token: 'after-rotation' },
      headers: { ...json, authorization: `Bearer ${OPERATOR_KEY}` },
    });
    expect(made.status).toBe(200);
    expect((await send(app, `${VALIDITY}?token=after-rotation`, { method: 'GET' })).body).toEqual({ valid: true });
    expect((await send(h.app, `${VALIDITY}?token=after-rotation`, { method: 'GET' })).body).toEqual({ valid: false });
    // Making it again under the old key's id is refused: it exists (under key 2) for the rotated door.
    const again = await send(app, `${TOKENS}/new`, {
      method: 'POST',
      body: { token: 'before-rotation' },
      headers: { ...json, authorization: `Bearer ${OPERATOR_KEY}` },
    });
    expect(again.status).toBe(400);
  });

  it('loses what key 1 made once key 1 is dropped from the list: the session cannot finish, the token is unknown', async () => {
    const first = await post(h.app, { username: 'dropped', password: 'correct horse battery' });
    const session = first.body.session as string;
    await send(h.app, `${TOKENS}/new`, {
      method: 'POST',
      body: { token: 'key-one-only' },
      headers: { ...json, authorization: `Bearer ${OPERATOR_KEY}` },
    });
    const app = rotated({ FRONT_DOOR_ENCRYPTION_KEY: key2.toString('base64') });
    expect((await send(app, `${VALIDITY}?token=key-one-only`, { method: 'GET' })).body).toEqual({ valid: false });
    const refused = await post(app, { auth: { type: 'm.login.registration_token', token: 'key-one-only', session } });
    expect(refused.body.errcode).toBe('M_UNAUTHORIZED');
  });
});
