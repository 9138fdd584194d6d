/** requestToken for email and phone: grammar, canonical forms, send_attempt, allow and deny lists, addresses in use, limits. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { secretsFromEnv } from '../../functions/compose/tenant-secrets.js';
import { flowSetFromConfig } from '../../functions/compose/flows.js';
import { startHarness, THREEPID, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { EMAIL_TOKEN, MSISDN_TOKEN } from '../support/constants.js';

const EMAIL_FLOW = { flows: [['m.login.email.identity']] };

let h: Harness;
afterEach(async () => {
  const open = h;
  h = undefined as unknown as Harness;
  await open?.close();
});

const start = (threepid: Record<string, unknown> = {}, extra: Parameters<typeof startHarness>[0] = {}) =>
  startHarness({
    messaging: true,
    ...extra,
    config: { registration: EMAIL_FLOW, threepid: { ...THREEPID, ...threepid }, ...extra.config },
  });

const mailsTo = async (address: string) => (await h.mail!.mails()).filter((m) => m.to.includes(address));

describe('email requestToken', () => {
  it('answers the same sid and sends nothing for the same or a lower send_attempt; a higher one sends again', async () => {
    h = await start();
    await h.mail!.clear();
    const ask = (attempt: number) => h.post(EMAIL_TOKEN, { client_secret: 'cs-1', email: 'gina@example.org', send_attempt: attempt });
    const first = await ask(1);
    expect(first.status).toBe(200);
    expect((await ask(1)).body.sid).toBe(first.body.sid);
    expect(await mailsTo('gina@example.org')).toHaveLength(1);
    const second = await ask(2);
    expect(second.body.sid).toBe(first.body.sid);
    expect(await mailsTo('gina@example.org')).toHaveLength(2);
    expect((await ask(1)).body.sid).toBe(first.body.sid);
    expect(await mailsTo('gina@example.org')).toHaveLength(2);
    // Another client_secret is another validation session.
    const other = await h.post(EMAIL_TOKEN, { client_secret: 'cs-2', email: 'gina@example.org', send_attempt: 1 });
    expect(other.body.sid).not.toBe(first.body.sid);
  });

  it('stores the token only as a hash, and the link token is long', async () => {
    h = await start();
    await h.post(EMAIL_TOKEN, { client_secret: 'cs-hash', email: 'hana@example.org', send_attempt: 1 });
    const mail = (await mailsTo('hana@example.org')).at(-1)!;
    const token = new URL(mail.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const stored = JSON.stringify(await h.items());
    expect(stored).not.toContain(token);
    expect(stored).not.toContain('cs-hash');
  });

  it('canonicalises the address and refuses what is not one', async () => {
    h = await start();
    const sid = (await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: '  Ivy@EXAMPLE.org ', send_attempt: 1 })).body.sid;
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'ivy@example.org', send_attempt: 1 })).body.sid).toBe(sid);
    for (const email of ['not-an-email', 'a@b', '<x>@example.org', 'x@-bad-.org', `${'a'.repeat(600)}@example.org`]) {
      const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email, send_attempt: 1 });
      expect(answer.status, email).toBe(400);
      expect(answer.body.errcode, email).toBe('M_INVALID_PARAM');
    }
  });

  it('checks the client_secret grammar and the body shape', async () => {
    h = await start();
    const bad = [
      [{ client_secret: 'has space', email: 'a@example.org', send_attempt: 1 }, 'M_INVALID_PARAM'],
      [{ client_secret: 'x'.repeat(256), email: 'a@example.org', send_attempt: 1 }, 'M_INVALID_PARAM'],
      [{ client_secret: '', email: 'a@example.org', send_attempt: 1 }, 'M_INVALID_PARAM'],
      [{ email: 'a@example.org', send_attempt: 1 }, 'M_MISSING_PARAM'],
      [{ client_secret: 'ok', email: 'a@example.org' }, 'M_MISSING_PARAM'],
      [{ client_secret: 'ok', email: 'a@example.org', send_attempt: 'one' }, 'M_BAD_JSON'],
      [{ client_secret: 'ok', email: 12, send_attempt: 1 }, 'M_BAD_JSON'],
    ] as const;
    for (const [body, errcode] of bad) {
      const answer = await h.post(EMAIL_TOKEN, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errcode, JSON.stringify(body)).toBe(errcode);
    }
    expect((await h.post(EMAIL_TOKEN, '{not json')).body.errcode).toBe('M_NOT_JSON');
  });

  it('applies allow and deny lists of domains, subdomains included: 403 M_THREEPID_DENIED', async () => {
    h = await start({ email: { ...THREEPID.email, allowedDomains: ['example.org'], deniedDomains: ['blocked.example.org'] } });
    const ask = (email: string) => h.post(EMAIL_TOKEN, { client_secret: 'cs', email, send_attempt: 1 });
    expect((await ask('a@example.org')).status).toBe(200);
    expect((await ask('a@staff.example.org')).status).toBe(200);
    for (const email of ['a@example.com', 'a@notexample.org', 'a@blocked.example.org', 'a@x.blocked.example.org']) {
      const answer = await ask(email);
      expect(answer.status, email).toBe(403);
      expect(answer.body.errcode, email).toBe('M_THREEPID_DENIED');
    }
  });

  it('refuses an address already bound to an account with M_THREEPID_IN_USE, and sends nothing', async () => {
    h = await start();
    await bindOnHomeserver(h, 'owner', 'taken@example.org');
    await h.mail!.clear();
    const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'Taken@example.org', send_attempt: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.errcode).toBe('M_THREEPID_IN_USE');
    expect(await mailsTo('taken@example.org')).toHaveLength(0);
  });

  it('in enumeration-safe mode answers like a fresh address and mails the owner a notice instead of a link', async () => {
    h = await start({ enumerationSafe: true });
    await bindOnHomeserver(h, 'owner', 'quiet@example.org');
    await h.mail!.clear();
    const used = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'quiet@example.org', send_attempt: 1 });
    const fresh = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'fresh@example.org', send_attempt: 1 });
    expect(used.status).toBe(fresh.status);
    expect(Object.keys(used.body)).toEqual(Object.keys(fresh.body));
    expect(used.body.sid).toHaveLength(fresh.body.sid.length);
    expect(used.body.sid).toMatch(/^[0-9a-zA-Z_-]+$/);
    const notice = (await mailsTo('quiet@example.org')).at(-1)!;
    expect(notice.text).toContain('already belongs to an account');
    expect(notice.text).not.toMatch(/submit_token/);
    // Asked again, each answers as send_attempt says: the same sid, and no second message.
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'quiet@example.org', send_attempt: 1 })).body.sid).toBe(used.body.sid);
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'fresh@example.org', send_attempt: 1 })).body.sid).toBe(fresh.body.sid);
    expect(await mailsTo('quiet@example.org')).toHaveLength(1);
    // At /register, both sids are sessions waiting for a confirmation that only the real one can get.
    const register = await h.post('/_matrix/client/v3/register', { username: 'sneaky', password: 'correct horse battery' });
    const stageWith = (sid: string) =>
      h.post('/_matrix/client/v3/register', {
        auth: { type: 'm.login.email.identity', session: register.body.session, threepid_creds: { sid, client_secret: 'cs' } },
      });
    const [usedStage, freshStage] = [await stageWith(used.body.sid), await stageWith(fresh.body.sid)];
    expect(usedStage.status).toBe(freshStage.status);
    expect(usedStage.body.errcode).toBe(freshStage.body.errcode);
    expect(usedStage.body.errcode).toBe('M_UNAUTHORIZED');
  });

  it('limits sends per address with 429 M_LIMIT_EXCEEDED and Retry-After, and recovers when the window passes', async () => {
    const clock = new TestClock();
    h = await start(
      { rateLimits: { perAddress: { max: 2, windowSeconds: 600 }, perClientIp: { max: 100, windowSeconds: 3600 } } },
      { clock },
    );
    const ask = (attempt: number) => h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'lim@example.org', send_attempt: attempt });
    expect((await ask(1)).status).toBe(200);
    expect((await ask(2)).status).toBe(200);
    const limited = await ask(3);
    expect(limited.status).toBe(429);
    expect(limited.body.errcode).toBe('M_LIMIT_EXCEEDED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    // A sliding window: at most until the window after this one has let enough of this one go.
    expect(retryAfter).toBeLessThanOrEqual(1200);
    expect(limited.body.retry_after_ms).toBe(retryAfter * 1000);
    // Another address from the same client is not held back by this one.
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'other@example.org', send_attempt: 1 })).status).toBe(200);

    clock.advance(retryAfter * 1000);
    expect((await ask(4)).status).toBe(200);
  });

  it('limits sends per client IP across addresses', async () => {
    const clock = new TestClock();
    h = await start(
      { rateLimits: { perAddress: { max: 5, windowSeconds: 600 }, perClientIp: { max: 3, windowSeconds: 3600 } } },
      { clock },
    );
    const ask = (n: number) => h.post(EMAIL_TOKEN, { client_secret: 'cs', email: `spray${n}@example.org`, send_attempt: 1 });
    for (const n of [1, 2, 3]) expect((await ask(n)).status).toBe(200);
    const limited = await ask(4);
    expect(limited.status).toBe(429);
    expect(limited.body.errcode).toBe('M_LIMIT_EXCEEDED');
    // One second short of the Retry-After is still too early; at it, the client is let in.
    const retryAfter = Number(limited.headers.get('retry-after'));
    clock.advance((retryAfter - 1) * 1000);
    expect((await ask(5)).status).toBe(429);
    clock.advance(1000);
    expect((await ask(6)).status).toBe(200);
  });
});

describe('msisdn requestToken', () => {
  it('parses the number with its country into E.164 and answers with submit_url, msisdn and intl_fmt', async () => {
    h = await start();
    const answer = await h.post(MSISDN_TOKEN, { client_secret: 'cs', country: 'us', phone_number: '(202) 555-0123', send_attempt: 1 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ msisdn: '12025550123', intl_fmt: '+1 202 555 0123', success: true });
    expect(answer.body.submit_url).toMatch(/\/_matrix\/client\/unstable\/registration\/msisdn\/submit_token$/);
    const sms = h.outbox!.messages().at(-1)!;
    expect(sms.to).toBe('+12025550123');
    expect(sms.body).toMatch(/^\d{6} is your Example Chat verification code/);
    // An international number given with any country keeps its own.
    const again = await h.post(MSISDN_TOKEN, { client_secret: 'cs', country: 'GB', phone_number: '+1 202 555 0123', send_attempt: 1 });
    expect(again.body.sid).toBe(answer.body.sid);
    expect(h.outbox!.messages()).toHaveLength(1);
  });

  it('refuses what is not a phone number with M_INVALID_PARAM', async () => {
    h = await start();
    for (const [country, phone_number] of [
      ['GB', '123'],
      ['GB', 'call me'],
      ['XX', '07400 123456'],
      ['GB', '9'.repeat(40)],
    ]) {
      const answer = await h.post(MSISDN_TOKEN, { client_secret: 'cs', country, phone_number, send_attempt: 1 });
      expect(answer.status, phone_number).toBe(400);
      expect(answer.body.errcode, phone_number).toBe('M_INVALID_PARAM');
    }
  });

  it('applies allow and deny lists of countries', async () => {
    h = await start({ msisdn: { ...THREEPID.msisdn, allowedCountries: ['GB', 'US'], deniedCountries: ['US'] } });
    const ask = (country: string, phone_number: string) =>
      h.post(MSISDN_TOKEN, { client_secret: 'cs', country, phone_number, send_attempt: 1 });
    expect((await ask('GB', '07400 123456')).status).toBe(200);
    expect((await ask('US', '202 555 0123')).body.errcode).toBe('M_THREEPID_DENIED');
    expect((await ask('FR', '06 12 34 56 78')).body.errcode).toBe('M_THREEPID_DENIED');
  });
});

describe('what the tenant offers', () => {
  it('answers M_THREEPID_MEDIUM_NOT_SUPPORTED for a medium it does not verify', async () => {
    h = await start({ msisdn: undefined });
    const answer = await h.post(MSISDN_TOKEN, { client_secret: 'cs', country: 'GB', phone_number: '07400 123456', send_attempt: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.errcode).toBe('M_THREEPID_MEDIUM_NOT_SUPPORTED');
  });

  it('answers 403 M_FORBIDDEN when registration is closed', async () => {
    h = await start({}, { config: { registration: { ...EMAIL_FLOW, enabled: false } } });
    const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'a@example.org', send_attempt: 1 });
    expect(answer.status).toBe(403);
    expect(answer.body.errcode).toBe('M_FORBIDDEN');
  });

  it('refuses at start a config that verifies addresses without the admin token that binds them', () => {
    const config = parseTenantConfig({
      serverName: 'example.org',
      homeserver: { url: 'http://127.0.0.1:8008', mode: 'shared_secret' },
      registration: EMAIL_FLOW,
      threepid: { ...THREEPID, publicBaseUrl: 'https://matrix.example.org' },
    });
    const env = { REGISTRATION_SHARED_SECRET: 's', FRONT_DOOR_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(() => secretsFromEnv(config, env)).toThrow(/HOMESERVER_ADMIN_TOKEN: required when "threepid" is configured/);
  });

  it('refuses at start a flow with a 3PID stage that is not configured', () => {
    const config = parseTenantConfig({
      serverName: 'example.org',
      homeserver: { url: 'http://127.0.0.1:8008', mode: 'admin_api' },
      registration: { flows: [['m.login.msisdn']] },
      threepid: { brandName: 'X', publicBaseUrl: 'https://matrix.example.org', email: THREEPID.email },
    });
    expect(() => flowSetFromConfig(config)).toThrow(/m.login.msisdn is in a flow but "threepid.msisdn" is not configured/);
  });
});

/** Makes an account on the stand-in with `address` bound, through its admin API. */
async function bindOnHomeserver(h: Harness, localpart: string, address: string): Promise<void> {
  const res = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/@${localpart}:localhost`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${h.secrets.homeserverAdminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'owner password', threepids: [{ medium: 'email', address }] }),
  });
  expect(res.status).toBe(201);
}
