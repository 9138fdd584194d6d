/**
 * Hardening 1: a gate pass is paid for once per UIA session. Re-sending the gate stage, passing the other
 * gate stage, or coming back from other IPs adds nothing; the session and its IP share one budget; and a
 * pass paid for by a registration token dies with the token (deleted or expired).
 */
import { describe, expect, it } from 'vitest';
import { REGISTER, THREEPID } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { call, operator, OPERATOR_KEY, PASSWORD, TOKENS, GATED_EMAIL_TENANT, startWithCaptcha } from '../gating/support.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';

const SECRET = 'hardening-1-captcha-secret';
const SENDS = 2;

describe('hardening 1: the send gate refills', () => {
  const clock = new TestClock(Date.now());
  let n = 0;
  let ipCount = 0;
  /** Each test its own client network, so that passes and name holds of one test do not touch another's. */
  const freshIp = () => `203.0.113.${++ipCount}`;

  const h = useHarness(() =>
    startWithCaptcha(SECRET, {
      ...GATED_EMAIL_TENANT,
      clock,
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        registration: {
          flows: [
            ['m.login.registration_token', 'm.login.email.identity', 'm.login.dummy'],
            ['m.login.recaptcha', 'm.login.registration_token', 'm.login.email.identity'],
          ],
          sessionLifetimeSeconds: 3600,
        },
        threepid: { ...THREEPID, rateLimits: sendLimits(1000, 1000) },
        gate: { sendsPerPass: SENDS, passLifetimeSeconds: 1800 },
      },
    }),
  );

  const newToken = async (extra: Record<string, unknown> = {}) => {
    const token = `gate-token-${++n}`;
    expect((await operator(h, `${TOKENS}/new`, { body: { token, uses_allowed: 10, ...extra } })).status).toBe(200);
    return token;
  };
  const newSession = async (ip: string) => {
    const first = await call(h, REGISTER, { body: { username: `gated${++n}`, password: PASSWORD }, ip });
    expect(first.status).toBe(401);
    return first.body.session as string;
  };
  const sendToken = (session: string, token: string, ip: string) =>
    call(h, REGISTER, { body: { auth: { type: 'm.login.registration_token', token, session } }, ip });
  const solveCaptcha = (session: string, ip: string) =>
    call(h, REGISTER, { body: { auth: { type: 'm.login.recaptcha', session, response: `pass:chat.example.org:${++n}` } }, ip });
  /** One requestToken: by naming the session, or (a stock client) only from its IP. */
  const requestToken = (ip: string, session?: string) =>
    call(h, EMAIL_TOKEN, {
      body: { client_secret: `secret${++n}`, email: `person${n}@example.org`, send_attempt: 1, ...(session ? { session } : {}) },
      ip,
    });
  const spendAll = async (ip: string, session?: string) => {
    for (let i = 0; i < SENDS; i++) expect((await requestToken(ip, session)).status).toBe(200);
  };

  it('re-sending the registration token in the same session pays for no more sends', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    expect((await sendToken(session, token, ip)).body.completed).toEqual(['m.login.registration_token']);
    await spendAll(ip, session);
    for (let i = 0; i < 3; i++) expect((await sendToken(session, token, ip)).body.errcode).toBeUndefined();
    expect((await requestToken(ip, session)).status).toBe(403);
    expect((await requestToken(ip)).status).toBe(403);
  });

  it('re-sending the token from other IPs grants those IPs nothing', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    await sendToken(session, token, ip);
    const rotating = [freshIp(), freshIp(), freshIp()];
    for (const other of rotating) expect((await sendToken(session, token, other)).body.errcode).toBeUndefined();
    for (const other of rotating) expect((await requestToken(other)).body).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });

  it('one pass pays for sendsPerPass in total, spent by naming the session and from its IP together', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    await sendToken(session, token, ip);
    expect((await requestToken(freshIp(), session)).status).toBe(200);
    expect((await requestToken(ip)).status).toBe(200);
    expect((await requestToken(ip)).status).toBe(403);
    expect((await requestToken(ip, session)).status).toBe(403);
  });

  it('passing the second gate stage of a flow (captcha, then token) adds nothing to the first pass', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    expect((await solveCaptcha(session, ip)).body.completed).toEqual(['m.login.recaptcha']);
    await spendAll(ip, session);
    expect([...(await sendToken(session, token, ip)).body.completed].sort()).toEqual(['m.login.recaptcha', 'm.login.registration_token']);
    expect((await requestToken(ip, session)).status).toBe(403);
    expect((await requestToken(ip)).status).toBe(403);
  });

  it('sending the token many times at once in a fresh session still grants one budget', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    const answers = await Promise.all(Array.from({ length: 6 }, () => sendToken(session, token, ip)));
    expect(answers.every((a) => a.status === 401 && a.body.errcode === undefined)).toBe(true);
    await spendAll(ip, session);
    expect((await requestToken(ip, session)).status).toBe(403);
  });

  it('a pass stops paying, and the token stops passing, once the operator deletes the token', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    await sendToken(session, token, ip);
    expect((await operator(h, `${TOKENS}/${token}`, { method: 'DELETE' })).status).toBe(200);
    expect((await sendToken(session, token, ip)).body).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
    expect((await requestToken(ip, session)).status).toBe(403);
    expect((await requestToken(ip)).status).toBe(403);
  });

  it('a token deleted and made again with the same text does not bring old passes back', async () => {
    const ip = freshIp();
    const token = await newToken();
    const session = await newSession(ip);
    await sendToken(session, token, ip);
    await operator(h, `${TOKENS}/${token}`, { method: 'DELETE' });
    expect((await operator(h, `${TOKENS}/new`, { body: { token, uses_allowed: 10 } })).status).toBe(200);
    expect((await requestToken(ip, session)).status).toBe(403);
    expect((await sendToken(session, token, ip)).body).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
  });

  it('a pass stops paying, and the token stops passing, once the token expires', async () => {
    const ip = freshIp();
    const token = await newToken({ expiry_time: clock.now() + 120_000 });
    const session = await newSession(ip);
    expect((await sendToken(session, token, ip)).body.completed).toEqual(['m.login.registration_token']);
    expect((await requestToken(ip, session)).status).toBe(200);
    clock.advance(121_000);
    expect((await requestToken(ip, session)).status).toBe(403);
    expect((await requestToken(ip)).status).toBe(403);
    expect((await sendToken(session, token, ip)).body).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
  });

  it('a session id that is not one is never used as a key', async () => {
    const refused = await requestToken(freshIp(), 'x'.repeat(3000));
    expect(refused.status).toBeLessThan(500);
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });
});
