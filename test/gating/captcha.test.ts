import { TestClock } from '../support/test-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptchaStandIn, type CaptchaStandIn } from '../../local/captcha-stand-in.js';
import { httpCaptchaVerifier } from '../../functions/adapters/captcha/http-captcha-verifier.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';
import { call, PASSWORD } from './support.js';

const SECRET = 'captcha-secret-for-tests-0b7e';

const captchaConfig = (standIn: CaptchaStandIn, provider = 'turnstile') => ({
  registration: { flows: [['m.login.recaptcha', 'm.login.terms']] },
  captcha: { provider, publicKey: 'site-key-public-123', hostnames: ['chat.example.org'], verifyUrl: standIn.url },
});

describe('a public tenant with a captcha', () => {
  let h: Harness;
  let standIn: CaptchaStandIn;
  beforeAll(async () => {
    standIn = await startCaptchaStandIn(SECRET);
    h = await startHarness({ clock: new TestClock(Date.now()), config: captchaConfig(standIn), secrets: { captchaSecret: SECRET } });
  });
  afterAll(async () => {
    await h.close();
    await standIn.stop();
  });

  const captcha = (session: string, response?: string) =>
    call(h, REGISTER, { body: { auth: { type: 'm.login.recaptcha', session, response } }, ip: '203.0.113.50' });

  it('advertises the public key and the provider in params', async () => {
    const first = await call(h, REGISTER, { body: {} });
    expect(first.body.params['m.login.recaptcha']).toEqual({ public_key: 'site-key-public-123', provider: 'turnstile' });
    expect(first.body.flows).toEqual([{ stages: ['m.login.recaptcha', 'm.login.terms'] }]);
  });

  it('refuses a failed captcha and lets a passed one through to an account', async () => {
    const session = (await call(h, REGISTER, { body: { username: 'human', password: PASSWORD } })).body.session;
    const failed = await captcha(session, 'i-am-a-robot');
    expect(failed).toMatchObject({ status: 401, body: { errcode: 'M_CAPTCHA_INVALID', completed: [] } });
    const missing = await captcha(session);
    expect(missing).toMatchObject({ status: 401, body: { errcode: 'M_CAPTCHA_NEEDED' } });

    const passed = await captcha(session, 'pass:chat.example.org:1');
    expect(passed.status).toBe(401);
    expect(passed.body.completed).toEqual(['m.login.recaptcha']);
    const done = await call(h, REGISTER, { body: { auth: { type: 'm.login.terms', session } } });
    expect(done).toMatchObject({ status: 200, body: { user_id: '@human:localhost' } });

    const verified = standIn.calls.find((c) => c.response === 'pass:chat.example.org:1')!;
    expect(verified).toMatchObject({ secret: SECRET, remoteip: '203.0.113.50' });
  });

  it('refuses a captcha solved on another hostname, and a response used twice', async () => {
    const session = (await call(h, REGISTER, { body: { username: 'elsewhere', password: PASSWORD } })).body.session;
    expect((await captcha(session, 'pass:evil.example.net:1')).body).toMatchObject({
      errcode: 'M_CAPTCHA_INVALID',
      error: 'Captcha was solved for another site',
    });
    const other = (await call(h, REGISTER, { body: { username: 'replayer', password: PASSWORD } })).body.session;
    expect((await captcha(other, 'pass:chat.example.org:1')).body.errcode).toBe('M_CAPTCHA_INVALID');
  });

  it('answers 503 with Retry-After when the provider is down, and the stage works once it is back', async () => {
    const session = (await call(h, REGISTER, { body: { username: 'patient', password: PASSWORD } })).body.session;
    standIn.down = true;
    const down = await captcha(session, 'pass:chat.example.org:2');
    standIn.down = false;
    expect(down.status).toBe(503);
    expect(down.body.errcode).toBe('M_UNKNOWN');
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect((await captcha(session, 'pass:chat.example.org:3')).body.completed).toEqual(['m.login.recaptcha']);
  });

  it('never logs or stores the captcha secret', async () => {
    expect(h.logs.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(await h.items())).not.toContain(SECRET);
  });
});

describe('the captcha verifier', () => {
  let standIn: CaptchaStandIn;
  beforeAll(async () => {
    standIn = await startCaptchaStandIn(SECRET);
  });
  afterAll(() => standIn.stop());

  it.each(['recaptcha', 'hcaptcha', 'turnstile'])('speaks the siteverify form for %s', async (provider) => {
    const config = parseTenantConfig({
      serverName: 'localhost',
      homeserver: { url: 'http://127.0.0.1:1', mode: 'shared_secret' },
      ...captchaConfig(standIn, provider),
      terms: { policies: { tos: { version: '1', en: { name: 'ToS', url: 'https://example.org/tos' } } } },
    });
    const verifier = httpCaptchaVerifier(config.captcha!, SECRET);
    expect(await verifier.verify(`pass:chat.example.org:${provider}`, '192.0.2.1')).toEqual({
      success: true,
      hostname: 'chat.example.org',
      errorCodes: [],
    });
    expect(await verifier.verify('wrong', '192.0.2.1')).toEqual({
      success: false,
      hostname: undefined,
      errorCodes: ['invalid-input-response'],
    });
    const wrongSecret = await httpCaptchaVerifier(config.captcha!, 'not-the-secret').verify(
      `pass:chat.example.org:${provider}x`,
      '192.0.2.1',
    );
    expect(wrongSecret.errorCodes).toEqual(['invalid-input-secret']);
    const last = standIn.calls.at(-1)!;
    expect(last.sitekey).toBe(provider === 'hcaptcha' ? 'site-key-public-123' : undefined);
  });

  it('refuses to start a tenant with a captcha stage but no captcha config, or no captcha secret', async () => {
    const { flowSetFromConfig } = await import('../../functions/compose/flows.js');
    const { secretsFromEnv } = await import('../../functions/compose/tenant-secrets.js');
    const { ConfigError } = await import('../../functions/model/config-error.js');
    const base = {
      serverName: 'localhost',
      homeserver: { url: 'http://127.0.0.1:1', mode: 'shared_secret' },
      registration: { flows: [['m.login.recaptcha']] },
    };
    expect(() => flowSetFromConfig(parseTenantConfig(base))).toThrow(/"captcha" is not configured/);
    const withCaptcha = parseTenantConfig({ ...base, captcha: { provider: 'hcaptcha', publicKey: 'k', hostnames: ['a.example'] } });
    const env = { FRONT_DOOR_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), REGISTRATION_SHARED_SECRET: 's' };
    expect(() => secretsFromEnv(withCaptcha, env)).toThrow(ConfigError);
    expect(secretsFromEnv(withCaptcha, { ...env, FRONT_DOOR_CAPTCHA_SECRET: 'x', FRONT_DOOR_OPERATOR_KEY: 'op' })).toMatchObject({
      captchaSecret: 'x',
      operatorKey: 'op',
    });
  });
});
