import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { flowSetFromConfig } from '../../functions/compose/flows.js';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, PASSWORD, GATED_EMAIL_TENANT, startWithCaptcha } from './support.js';
import { EMAIL_TOKEN } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';

const SECRET = 'gate-captcha-secret-41';

describe('a tenant that sends nothing before the gate', () => {
  const clock = new TestClock(Date.now());
  let n = 0;
  const h = useHarness(() =>
    startWithCaptcha(SECRET, {
      ...GATED_EMAIL_TENANT,
      clock,
      config: {
        registration: { flows: [['m.login.recaptcha', 'm.login.email.identity']] },
        threepid: {
          brandName: 'Example Chat',
          email: { from: 'Example Chat <no-reply@example.org>' },
          rateLimits: { perClientIp: { max: 100, windowSeconds: 60 } },
        },
        gate: { sendsPerPass: 2, passLifetimeSeconds: 600 },
      },
    }),
  );

  const mailsTo = async (address: string) => (await h.mail!.mails()).filter((m) => m.to.includes(address));
  const requestToken = (email: string, ip: string, extra: Record<string, unknown> = {}) =>
    call(h, EMAIL_TOKEN, { body: { client_secret: `secret${++n}`, email, send_attempt: 1, ...extra }, ip });
  const passCaptcha = async (ip: string) => {
    const session = (await call(h, REGISTER, { body: { username: `gated${++n}`, password: PASSWORD }, ip })).body.session;
    const passed = await call(h, REGISTER, {
      body: { auth: { type: 'm.login.recaptcha', session, response: `pass:chat.example.org:${n}` } },
      ip,
    });
    expect(passed.body.completed).toEqual(['m.login.recaptcha']);
    return session as string;
  };

  it('sends no email to a client that has not passed the captcha', async () => {
    const refused = await requestToken('bot@example.org', '192.0.2.10');
    expect(refused).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
    expect(await mailsTo('bot@example.org')).toHaveLength(0);
  });

  it('sends the email once the same client passed the captcha', async () => {
    await passCaptcha('192.0.2.11');
    const sent = await requestToken('person@example.org', '192.0.2.11');
    expect(sent.body).toMatchObject({ sid: expect.any(String) });
    expect(sent.status).toBe(200);
    expect(sent.body.sid).toBeTruthy();
    expect(await mailsTo('person@example.org')).toHaveLength(1);
  });

  it('binds the pass to the session named in requestToken, whatever the IP', async () => {
    const session = await passCaptcha('192.0.2.12');
    expect((await requestToken('roamer@example.org', '198.51.100.99')).status).toBe(403);
    expect((await requestToken('roamer@example.org', '198.51.100.99', { session })).status).toBe(200);
    expect((await requestToken('roamer@example.org', '198.51.100.99', { session: 'NotASessionThatPassed' })).status).toBe(403);
    expect(await mailsTo('roamer@example.org')).toHaveLength(1);
  });

  it('pays for a few sends per pass, then refuses until the captcha is passed again', async () => {
    await passCaptcha('192.0.2.13');
    expect((await requestToken('spender1@example.org', '192.0.2.13')).status).toBe(200);
    expect((await requestToken('spender2@example.org', '192.0.2.13')).status).toBe(200);
    expect((await requestToken('spender3@example.org', '192.0.2.13')).status).toBe(403);
    await passCaptcha('192.0.2.13');
    expect((await requestToken('spender3@example.org', '192.0.2.13')).status).toBe(200);
  });

  it('lets a pass lapse after its lifetime', async () => {
    await passCaptcha('192.0.2.14');
    clock.advance(601_000);
    expect((await requestToken('tardy@example.org', '192.0.2.14')).status).toBe(403);
    expect(await mailsTo('tardy@example.org')).toHaveLength(0);
  });
});

describe('the gate configuration', () => {
  it('is refused at start when a flow that sends email has no gating stage', () => {
    const config = parseTenantConfig({
      serverName: 'localhost',
      homeserver: { url: 'http://127.0.0.1:1', mode: 'admin_api' },
      registration: { flows: [['m.login.email.identity']] },
      threepid: { brandName: 'B', publicBaseUrl: 'https://example.org', email: { from: 'a <a@example.org>' } },
      gate: {},
    });
    expect(() => flowSetFromConfig(config)).toThrow(/gate.beforeSending needs m.login.recaptcha or m.login.registration_token/);
  });
});
