/**
 * What a requestToken without an access token may cost the operator: the sign-up's per-IP and per-address caps
 * (the same counters, so the endpoint adds no budget), the daily SMS ceiling, the send gate for phone numbers,
 * and a tenant that refuses such requests outright (`threepid.addWithoutToken`).
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Harness, LOOSE_RATE_LIMITS, THREEPID } from '../support/harness.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';
import { call, GATED_EMAIL_TENANT, startWithCaptcha } from '../gating/support.js';
import { person } from '../synapse/account-threepids-support.js';
import { SynapseApi } from '../synapse/synapse-api.js';

const ADD_EMAIL = '/_matrix/client/v3/account/3pid/email/requestToken';
const ADD_MSISDN = '/_matrix/client/v3/account/3pid/msisdn/requestToken';

let n = 0;
const emailFrom = (h: Harness, ip: string, email: string, token?: string) =>
  call(h, ADD_EMAIL, {
    body: { email, client_secret: `cs-hostile-${++n}`, send_attempt: 1 },
    ip,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const phoneFrom = (h: Harness, ip: string, national: string, token?: string) =>
  call(h, ADD_MSISDN, {
    body: { country: 'GB', phone_number: national, client_secret: `cs-hostile-${++n}`, send_attempt: 1 },
    ip,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const mailsTo = async (h: Harness, address: string) => (await h.mail!.mails()).filter((m) => m.to.includes(address));
const someoneOn = (h: Harness) =>
  person({
    api: new SynapseApi({ url: h.homeserver.url, serverName: 'localhost', adminToken: ADMIN_TOKEN }),
    url: h.homeserver.url,
    serverName: 'localhost',
    adminToken: ADMIN_TOKEN,
  });

describe('requestToken without an access token, under the sign-up limits', () => {
  const h = useHarness({
    mode: 'admin_api',
    messaging: true,
    config: {
      threepid: { ...THREEPID, rateLimits: sendLimits(2, 3, 3600) },
      rateLimits: { ...LOOSE_RATE_LIMITS, smsPerDay: 2 },
    },
  });

  it('many requests from one IP for many addresses stop at the per-IP cap, shared with sign-up requestToken', async () => {
    const ip = '203.0.113.41';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await emailFrom(h, ip, `spray${i}@example.org`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429, 429]);
    expect(answers[3]).toMatchObject({ body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(answers[3]!.headers.get('retry-after')).toMatch(/^\d+$/);
    for (let i = 0; i < 6; i++) expect(await mailsTo(h, `spray${i}@example.org`)).toHaveLength(i < 3 ? 1 : 0);
    // The same budget as a sign-up's: switching endpoints buys nothing more.
    const signUp = await call(h, EMAIL_TOKEN, { body: { email: 'spray9@example.org', client_secret: 'cs-su-9', send_attempt: 1 }, ip });
    expect(signUp.status).toBe(429);
    expect((await emailFrom(h, '203.0.113.42', 'spray9@example.org')).status).toBe(200);
  });

  it('many requests for one address from many IPs stop at the per-address cap', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await emailFrom(h, `203.0.113.${60 + i}`, 'victim@example.org'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429, 429]);
    expect(await mailsTo(h, 'victim@example.org')).toHaveLength(2);
  });

  it('SMS to many numbers from many IPs stop at the tenant’s daily SMS ceiling', async () => {
    const before = h.outbox!.messages().length;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await phoneFrom(h, `203.0.113.${80 + i}`, `07400 5550${i}0`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429]);
    expect(answers[2]).toMatchObject({ body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(h.outbox!.messages().length - before).toBe(2);
  });
});

describe('requestToken without an access token, on a tenant with the send gate', () => {
  const h = useHarness(() =>
    startWithCaptcha('tokenless-captcha-secret', {
      ...GATED_EMAIL_TENANT,
      config: {
        registration: {
          flows: [
            ['m.login.recaptcha', 'm.login.email.identity'],
            ['m.login.recaptcha', 'm.login.msisdn'],
          ],
        },
        threepid: THREEPID,
        gate: { sendsPerPass: 2, passLifetimeSeconds: 600 },
      },
    }),
  );

  it('sends no SMS without a token or a gate pass (the default for phone numbers), and sends with the user’s token', async () => {
    const before = h.outbox!.messages().length;
    const refused = await phoneFrom(h, '203.0.113.90', '07400 555100');
    expect(refused).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
    expect(h.outbox!.messages().length).toBe(before);
    const p = await someoneOn(h);
    expect((await phoneFrom(h, '203.0.113.90', '07400 555100', p.token)).status).toBe(200);
    expect(h.outbox!.messages().length).toBe(before + 1);
  });

  it('still sends the email of an add without a token (the default for email): the gate pays for sign-ups', async () => {
    expect((await emailFrom(h, '203.0.113.91', 'open-mail@example.org')).status).toBe(200);
    expect(await mailsTo(h, 'open-mail@example.org')).toHaveLength(1);
  });
});

describe('requestToken without an access token, on a tenant that asks for one', () => {
  const h = useHarness({
    mode: 'admin_api',
    messaging: true,
    config: { threepid: { ...THREEPID, addWithoutToken: { email: 'refuse', msisdn: 'allow' } } },
  });

  it('refuses an email without a token as the homeserver would (401 M_MISSING_TOKEN), and sends with one', async () => {
    const refused = await emailFrom(h, '203.0.113.100', 'asks-token@example.org');
    expect(refused).toMatchObject({ status: 401, body: { errcode: 'M_MISSING_TOKEN' } });
    expect(await mailsTo(h, 'asks-token@example.org')).toHaveLength(0);
    const p = await someoneOn(h);
    expect((await emailFrom(h, '203.0.113.100', 'asks-token@example.org', p.token)).status).toBe(200);
    expect(await mailsTo(h, 'asks-token@example.org')).toHaveLength(1);
  });

  it('sends an SMS without a token where the tenant allows it', async () => {
    expect((await phoneFrom(h, '203.0.113.101', '07400 555200')).status).toBe(200);
  });
});

describe('requestToken without an access token, on an enumeration-safe tenant', () => {
  const h = useHarness({ mode: 'admin_api', messaging: true, config: { threepid: { ...THREEPID, enumerationSafe: true } } });
  const api = () => new SynapseApi({ url: h.homeserver.url, serverName: 'localhost', adminToken: ADMIN_TOKEN });

  it('answers for an address in use as for a free one, and tells its owner instead of sending a link', async () => {
    await api().createElsewhere('owner-es', [{ medium: 'email', address: 'taken-es@example.org' }]);
    const taken = await emailFrom(h, '203.0.113.110', 'taken-es@example.org');
    const free = await emailFrom(h, '203.0.113.110', 'free-es@example.org');
    expect(taken.status).toBe(200);
    expect(Object.keys(taken.body)).toEqual(Object.keys(free.body));
    const [notice] = await mailsTo(h, 'taken-es@example.org');
    expect(notice?.subject).toBe('Address change attempt on Example Chat');
    expect(notice?.text).toContain('asked to add this email address');
    expect(notice?.text).not.toContain('submit_token');
    expect((await mailsTo(h, 'free-es@example.org'))[0]?.text).toContain('submit_token');
  });

  it('sends the owner of a phone number in use a notice without a code', async () => {
    await api().createElsewhere('owner-es-ph', [{ medium: 'msisdn', address: '447400555300' }]);
    expect((await phoneFrom(h, '203.0.113.111', '07400 555300')).status).toBe(200);
    const sms = h.outbox!.messages().filter((m) => m.to === '+447400555300');
    expect(sms.map((m) => m.body)).toEqual([expect.stringContaining('asked to add this number')]);
    expect(sms[0]!.body).not.toMatch(/\b\d{6}\b/);
  });
});
