/**
 * The decision hook: a signed POST with the sign-up's facts (never the password) before each account is
 * made, verifiable with node:crypto alone; its answer allows, denies with a message the person sees,
 * queues, or enriches; its silence is answered as the tenant chose (fail open or fail closed).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DecisionHookReceiver, examplePolicy, startDecisionHookReceiver } from '../../local/decision-hook-receiver.js';
import { EMAIL_TOKEN } from '../support/constants.js';
import { type Harness, linkInMail, REGISTER, startHarness, THREEPID } from '../support/harness.js';
import { finishFlow, login, OPERATOR_KEY, operator, PASSWORD, REQUESTS, requestOf } from './support.js';

const SECRET = `whsec_${Buffer.from('a decision hook secret of 32 b!!').toString('base64')}`;

describe.each(['shared_secret', 'admin_api'] as const)('the decision hook (%s)', (mode) => {
  let hook: DecisionHookReceiver;
  let h: Harness;
  let closed: Harness;
  beforeAll(async () => {
    hook = await startDecisionHookReceiver(SECRET);
    const decisionHook = { url: hook.url, timeoutMs: 300 };
    const base = { mode, secrets: { operatorKey: OPERATOR_KEY, decisionHookSecret: SECRET } } as const;
    h = await startHarness({ ...base, config: { decisionHook: { ...decisionHook, onFailure: 'open' } } });
    closed = await startHarness({ ...base, config: { decisionHook: { ...decisionHook, onFailure: 'closed' } } });
  });
  afterAll(async () => {
    await Promise.all([h.close(), closed.close(), hook.close()]);
  });
  beforeEach(() => {
    hook.calls.length = 0;
    hook.decide = examplePolicy;
  });

  it('signs each call the Standard Webhooks way, checkable with node:crypto alone, and never sends the password', async () => {
    const { final } = await finishFlow(h, 'signed');
    expect(final.status).toBe(200);
    expect(hook.calls).toHaveLength(1);
    const [call] = hook.calls;
    const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = call!.headers;
    expect(id).toMatch(/^msg_[A-Za-z]{24}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${call!.body}`).digest('base64');
    expect(signature).toBe(`v1,${expected}`);
    expect(call!.body).not.toContain(PASSWORD);
    expect(JSON.parse(call!.body)).toMatchObject({
      type: 'signup.decision',
      facts: { localpart: 'signed', userId: '@signed:localhost', threepids: [], stages: ['m.login.terms', 'm.login.dummy'] },
    });
  });

  it('enriches: the display name the hook gives is set on the account, and no admin flag can be set', async () => {
    hook.decide = () => ({ body: { decision: 'allow', display_name: 'Erika Enriched', admin: true } });
    const { final } = await finishFlow(h, 'enriched');
    expect(final.status).toBe(200);
    const user = h.homeserver.getUser('@enriched:localhost')!;
    expect(user.displayname).toBe('Erika Enriched');
    expect(user.admin).toBeFalsy();
  });

  it('queues: the sign-up waits for an operator, and the request says the hook sent it there', async () => {
    hook.decide = () => ({ body: { decision: 'queue' } });
    const { final } = await finishFlow(h, 'queued');
    expect(final).toMatchObject({ status: 403, body: { errcode: 'M_USER_AWAITING_APPROVAL' } });
    const request = await requestOf(h, 'queued');
    expect(request.reasons).toEqual(['hook']);
    // The hook is not asked again when the operator approves.
    hook.decide = () => ({ body: { decision: 'deny', message: 'not asked' } });
    const approved = await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} });
    expect(approved.body.user_id).toBe('@queued:localhost');
    expect((await login(h.homeserver.url, 'queued')).status).toBe(200);
  });

  it('fails open: a hook that does not answer in time lets the account be made', async () => {
    hook.decide = () => ({ delayMs: 1500, body: { decision: 'deny', message: 'too late' } });
    const { final } = await finishFlow(h, 'opened');
    expect(final.status).toBe(200);
    expect(h.logs.some((line) => line.includes('decision_hook_failed') && line.includes('"outcome":"allowed"'))).toBe(true);
  });

  it('fails closed: a silent hook refuses with a retryable 503, and the same final call succeeds once it answers', async () => {
    hook.decide = () => ({ delayMs: 1500, body: { decision: 'allow' } });
    const { final, session } = await finishFlow(closed, 'shut');
    expect(final).toMatchObject({ status: 503, body: { errcode: 'M_UNKNOWN' } });
    expect(final.headers.get('retry-after')).toBe('5');
    expect(closed.homeserver.getUser('@shut:localhost')).toBeUndefined();
    hook.decide = examplePolicy;
    const retried = await closed.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(retried.status).toBe(200);
    expect(retried.body.user_id).toBe('@shut:localhost');
  });

  it('an unusable answer counts as silence (fail closed)', async () => {
    for (const reply of [{ status: 500, body: {} }, { body: { decision: 'maybe' } }, { body: { decision: 'allow', rooms: ['lobby'] } }]) {
      hook.decide = () => reply;
      const { final } = await finishFlow(closed, `odd${hook.calls.length}`);
      expect(final.status).toBe(503);
    }
  });
});

describe('MUST-SHOW: a decision hook that denies a domain stops the sign-up with its message', () => {
  let hook: DecisionHookReceiver;
  let h: Harness;
  beforeAll(async () => {
    hook = await startDecisionHookReceiver(SECRET);
    h = await startHarness({
      messaging: true,
      secrets: { decisionHookSecret: SECRET },
      config: {
        threepid: THREEPID,
        registration: { flows: [['m.login.email.identity']] },
        decisionHook: { url: hook.url, timeoutMs: 2000, onFailure: 'closed' },
      },
    });
  });
  afterAll(async () => {
    await Promise.all([h.close(), hook.close()]);
  });

  async function signUpWithEmail(username: string, email: string) {
    const first = await h.post(REGISTER, { username, password: PASSWORD });
    const session = first.body.session;
    const secret = `${username}-secret`;
    const requested = await h.post(EMAIL_TOKEN, { client_secret: secret, email, send_attempt: 1 });
    expect(requested.status).toBe(200);
    expect((await fetch(await linkInMail(h, email))).status).toBe(200);
    const creds = { sid: requested.body.sid, client_secret: secret };
    return h.post(REGISTER, { auth: { type: 'm.login.email.identity', session, threepid_creds: creds } });
  }

  it('refuses an address at the denied domain with 403 M_FORBIDDEN and the hook’s own words; others get in', async () => {
    const denied = await signUpWithEmail('mallory', 'mallory@blocked.example');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ errcode: 'M_FORBIDDEN', error: 'Sign-ups with addresses at blocked.example are not accepted here.' });
    expect(h.homeserver.getUser('@mallory:localhost')).toBeUndefined();
    expect(JSON.parse(hook.calls.at(-1)!.body).facts.threepids).toEqual([{ medium: 'email', address: 'mallory@blocked.example' }]);

    const allowed = await signUpWithEmail('alice', 'alice@example.org');
    expect(allowed.status).toBe(200);
    expect(h.homeserver.getUser('@alice:localhost')!.threepids).toMatchObject([{ medium: 'email', address: 'alice@example.org' }]);
  });
});
