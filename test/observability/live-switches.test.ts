/**
 * The live switches (issue 17): set through the operator API, obeyed by every function within the cache's
 * TTL with no redeploy, audited. A second "function" is built on its own table client, as another Lambda
 * (its own process and cache) would be.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegisterApi } from '../../functions/compose/build.js';
import { SWITCH_CACHE_MS } from '../../functions/policy/live-switches.js';
import { send } from '../support/client.js';
import { REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { operator, OPERATOR_KEY } from '../gating/support.js';

const SWITCHES = '/_front_door/admin/v1/switches';
const AUDIT = '/_front_door/admin/v1/audit_log';
const EMAIL_TOKEN = '/_matrix/client/v3/register/email/requestToken';
const SMS_TOKEN = '/_matrix/client/v3/register/msisdn/requestToken';

describe('live switches', () => {
  let h: Harness;
  let registerFunction: Hono;
  const clock = new TestClock();
  const firstCall = (app: Hono, username: string) =>
    send(app, REGISTER, {
      method: 'POST',
      body: { username, password: 'correct horse battery' },
      headers: { 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    h = await startHarness({
      clock,
      messaging: true,
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        registration: { flows: [['m.login.terms', 'm.login.dummy'], ['m.login.email.identity'], ['m.login.msisdn']] },
        threepid: THREEPID,
        pages: { brand: { name: 'Example Chat' } },
      },
    });
    // Another function of the same tenant: its own process, its own client, its own cache of the switches.
    const endpoint = await h.db.config.endpoint?.();
    const own = new DynamoDBClient({ endpoint: endpoint && `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}${endpoint.path}` });
    registerFunction = buildRegisterApi({ config: h.config, secrets: h.secrets, dynamo: own, clock });
    // Its cache is warm (registration open) before the switch is flipped.
    expect((await firstCall(registerFunction, 'warm')).status).toBe(401);
  });
  afterAll(() => h.close());

  it('starts with every switch off', async () => {
    const res = await operator(h, SWITCHES);
    expect(res).toMatchObject({ status: 200, body: { registration_closed: false, sms_paused: false, email_paused: false } });
  });

  it('closes registration without a redeploy: 403 M_FORBIDDEN at /register everywhere once the cache lapses, and the page shows it closed', async () => {
    const set = await operator(h, SWITCHES, { method: 'PUT', body: { registration_closed: true } });
    expect(set).toMatchObject({ status: 200, body: { registration_closed: true, changed_by: 'default' } });
    // The function that took the change obeys it at once.
    expect(await firstCall(h.app, 'alice')).toMatchObject({
      status: 403,
      body: { errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' },
    });
    // Another function obeys it once its cached read lapses: at most SWITCH_CACHE_MS later.
    clock.advance(SWITCH_CACHE_MS + 1);
    expect(await firstCall(registerFunction, 'bob')).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
    const page = await send(h.app, '/signup', { method: 'GET' });
    expect(page.status).toBe(403);
    expect((await h.post(EMAIL_TOKEN, { email: 'a@example.org', client_secret: 'secret123', send_attempt: 1 })).body).toMatchObject({
      errcode: 'M_FORBIDDEN',
    });

    await operator(h, SWITCHES, { method: 'PUT', body: { registration_closed: false } });
    clock.advance(SWITCH_CACHE_MS + 1);
    expect((await firstCall(registerFunction, 'carol')).status).toBe(401);
    expect((await firstCall(h.app, 'dave')).status).toBe(401);
  });

  it('pauses email and SMS: requestToken answers 400 M_THREEPID_MEDIUM_NOT_SUPPORTED saying it is paused, and nothing is sent', async () => {
    await operator(h, SWITCHES, { method: 'PUT', body: { email_paused: true, sms_paused: true } });
    const mailsBefore = (await h.mail!.mails()).length;
    const mail = await h.post(EMAIL_TOKEN, { email: 'paused@example.org', client_secret: 'secret123', send_attempt: 1 });
    expect(mail).toMatchObject({
      status: 400,
      body: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED', error: expect.stringMatching(/paused/) },
    });
    const sms = await h.post(SMS_TOKEN, { country: 'GB', phone_number: '07400 123456', client_secret: 'secret123', send_attempt: 1 });
    expect(sms).toMatchObject({
      status: 400,
      body: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED', error: expect.stringMatching(/paused/) },
    });
    expect((await h.mail!.mails()).length).toBe(mailsBefore);
    expect(h.outbox!.messages().filter((m) => m.to === '+447400123456')).toHaveLength(0);

    await operator(h, SWITCHES, { method: 'PUT', body: { email_paused: false } });
    const again = await h.post(EMAIL_TOKEN, { email: 'paused@example.org', client_secret: 'secret123', send_attempt: 1 });
    expect(again.status).toBe(200);
    expect((await h.mail!.mails()).length).toBe(mailsBefore + 1);
    await operator(h, SWITCHES, { method: 'PUT', body: { sms_paused: false } });
  });

  it('records every change in the audit log, by operator, with what changed', async () => {
    const log = await operator(h, `${AUDIT}?limit=1000`);
    const changes = (log.body.entries as { action: string; changes: Record<string, boolean>; outcome?: string; operator: string }[]).filter(
      (e) => e.action === 'switches.changed',
    );
    // Changes made within one millisecond of the test clock may list in either order.
    expect(changes).toHaveLength(5);
    expect(changes.map((e) => e.changes)).toEqual(
      expect.arrayContaining([
        { registration_closed: true },
        { registration_closed: false },
        { email_paused: true, sms_paused: true },
        { email_paused: false },
        { sms_paused: false },
      ]),
    );
    expect(changes.every((e) => e.operator === 'default' && e.outcome === 'done')).toBe(true);
  });

  it('refuses a bad change with 400 and changes nothing', async () => {
    for (const body of [{}, { registration_closed: 'yes' }, { unknown_switch: true }, []]) {
      const res = await operator(h, SWITCHES, { method: 'PUT', body });
      expect(res.status).toBe(400);
    }
    expect(
      await operator(h, SWITCHES, { method: 'PUT', body: { registration_closed: true }, headers: { authorization: 'Bearer nope' } }),
    ).toMatchObject({ status: 401 });
    expect((await operator(h, SWITCHES)).body).toMatchObject({ registration_closed: false, sms_paused: false, email_paused: false });
  });
});
