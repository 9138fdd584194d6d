/**
 * Hardening 5: the fallback pages ran the registration-token and captcha stages without any limit, so a
 * form POST was an unlimited token oracle and a paid siteverify call each. They are limited per client IP
 * by default now, and a refused POST is a page (429, Retry-After), never a 5xx.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, operator, OPERATOR_KEY, PASSWORD, TOKENS, startWithCaptcha } from '../gating/support.js';
import { useHarness } from '../support/use-harness.js';

const SECRET = 'hardening-5-captcha-secret';
/** The default per-IP limit on fallback form POSTs, a minute. */
const LIMIT = 10;
const page = (type: string, session: string) => `/_matrix/client/v3/auth/${type}/fallback/web?session=${encodeURIComponent(session)}`;

describe('hardening 5: fallback pages are an unlimited oracle', () => {
  const clock = new TestClock(Date.now());
  let n = 0;

  const h = useHarness(() =>
    startWithCaptcha(SECRET, {
      captcha: { provider: 'recaptcha', publicKey: 'site-key' },
      clock,
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        registration: { flows: [['m.login.registration_token', 'm.login.recaptcha', 'm.login.dummy']] },
        // The defaults, not the harness's loose test limits.
        rateLimits: undefined,
      },
    }),
  );

  const newSession = async (ip: string) =>
    (await call(h, REGISTER, { body: { username: `guesser${++n}`, password: PASSWORD }, ip })).body.session as string;
  const post = (type: string, session: string, ip: string, fields: Record<string, string>) =>
    call(h, page(type, session), {
      method: 'POST',
      ip,
      body: new URLSearchParams({ session, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('limits token guesses on the registration-token page per IP, with a 429 page and Retry-After', async () => {
    const ip = '198.51.100.50';
    await operator(h, `${TOKENS}/new`, { body: { token: 'the-real-token', uses_allowed: 5 } });
    const session = await newSession(ip);
    for (let i = 0; i < LIMIT; i++) {
      const wrong = await post('m.login.registration_token', session, ip, { token: `guess-${i}` });
      expect(wrong.status).toBe(200);
      expect(String(wrong.body)).toContain('Invalid registration token');
    }
    const limited = await post('m.login.registration_token', session, ip, { token: 'the-real-token' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/text\/html/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(String(limited.body)).toContain('Too many attempts');
    // The refused guess was never tried: the right token is still unused.
    expect((await operator(h, `${TOKENS}/the-real-token`)).body).toMatchObject({ pending: 0, completed: 0 });
  });

  it('limits captcha submissions on the captcha page per IP, so refused ones cost no siteverify call', async () => {
    const ip = '198.51.100.51';
    const session = await newSession(ip);
    const before = h.captcha.calls.length;
    for (let i = 0; i < LIMIT; i++)
      expect((await post('m.login.recaptcha', session, ip, { 'g-recaptcha-response': `wrong-${i}` })).status).toBe(200);
    expect(h.captcha.calls.length - before).toBe(LIMIT);
    for (let i = 0; i < 5; i++)
      expect((await post('m.login.recaptcha', session, ip, { 'g-recaptcha-response': `wrong-more-${i}` })).status).toBe(429);
    expect(h.captcha.calls.length - before).toBe(LIMIT);
  });

  it('does not count the pages themselves, nor other clients', async () => {
    const ip = '198.51.100.52';
    const session = await newSession(ip);
    for (let i = 0; i < LIMIT + 5; i++) expect((await call(h, page('m.login.registration_token', session), { ip })).status).toBe(200);
    expect((await post('m.login.registration_token', session, ip, { token: 'one-guess' })).status).toBe(200);
  });

  it('lets the client in again once the window has passed', async () => {
    const ip = '198.51.100.53';
    const session = await newSession(ip);
    for (let i = 0; i < LIMIT; i++) await post('m.login.registration_token', session, ip, { token: `again-${i}` });
    const limited = await post('m.login.registration_token', session, ip, { token: 'again-x' });
    expect(limited.status).toBe(429);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    expect((await post('m.login.registration_token', session, ip, { token: 'again-y' })).status).toBe(200);
  });
});
