/**
 * Hardening 7: what a real homeserver refuses reaches the client as the Matrix error it can act on,
 * never as a 500; what it would refuse is refused at the first call; a refused creation gives the
 * registration-token use back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, OPERATOR_KEY, TOKENS } from '../gating/support.js';
import { REGISTER, startHarness, type Harness, type Mode } from '../support/harness.js';

const CREATE_CALL: Record<Mode, (method: string, url: string) => boolean> = {
  shared_secret: (method, url) => method === 'POST' && url.includes('/_synapse/admin/v1/register'),
  admin_api: (method, url) => method === 'PUT' && url.includes('/_synapse/admin/v2/users/'),
};

/** Forwards to the homeserver, except the next account-creating call once an answer is armed. */
function homeserverAnswering(mode: Mode) {
  let armed: { status: number; body: unknown; headers?: Record<string, string> } | undefined;
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (armed && CREATE_CALL[mode](init?.method ?? 'GET', url)) {
      const { status, body, headers } = armed;
      armed = undefined;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
    }
    return fetch(input, init);
  };
  return { fetch: wrapped, arm: (answer: NonNullable<typeof armed>) => (armed = answer) };
}

describe.each<Mode>(['shared_secret', 'admin_api'])('hardening 7: homeserver refusals become Matrix errors (%s)', (mode) => {
  let h: Harness;
  const homeserver = homeserverAnswering(mode);
  beforeAll(async () => {
    h = await startHarness({
      mode,
      fetch: homeserver.fetch,
      config: { registration: { flows: [['m.login.registration_token', 'm.login.terms', 'm.login.dummy']] } },
      secrets: { operatorKey: OPERATOR_KEY },
    });
  });
  afterAll(() => h.close());

  async function upToTheLastStep(username: string, given?: string): Promise<string> {
    const token = given ?? `t${username}`;
    if (!given) await operator(h, `${TOKENS}/new`, { body: { token } });
    const first = await h.post(REGISTER, { username, password: 'correct horse battery' });
    const session = first.body.session;
    expect((await h.post(REGISTER, { auth: { session, type: 'm.login.registration_token', token } })).status).toBe(401);
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    return session;
  }

  it('M_EXCLUSIVE from the homeserver is 400 M_EXCLUSIVE, and the session can still finish under another name', async () => {
    const session = await upToTheLastStep(`bridged${mode.length}`);
    homeserver.arm({ status: 400, body: { errcode: 'M_EXCLUSIVE', error: 'User ID reserved by an application service' } });
    const refused = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(refused).toMatchObject({ status: 400, body: { errcode: 'M_EXCLUSIVE' } });
    const renamed = await h.post(REGISTER, { username: `plain${mode.length}`, password: 'correct horse battery', auth: { session } });
    expect(renamed.status).toBe(200);
  });

  it('a homeserver 429 is a 429 with Retry-After, and the retry completes', async () => {
    const session = await upToTheLastStep(`limited${mode.length}`);
    homeserver.arm({
      status: 429,
      body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 3000 },
      headers: { 'retry-after': '3' },
    });
    const limited = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(limited).toMatchObject({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' } });
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await h.post(REGISTER, { auth: { session } })).status).toBe(200);
  });

  it("the homeserver's refusal of a password is a 400 the client can act on, and a new password finishes", async () => {
    const session = await upToTheLastStep(`refusedpw${mode.length}`);
    homeserver.arm({ status: 400, body: { errcode: 'M_UNKNOWN', error: 'Invalid password' } });
    const refused = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errcode).toBe('M_INVALID_PARAM');
    expect(refused.body.error).toMatch(/Invalid password/);
    const again = await h.post(REGISTER, { username: `refusedpw${mode.length}`, password: 'another fine password', auth: { session } });
    expect(again.status).toBe(200);
  });

  it.each([
    ['NUL', 'pass\u0000word is long'],
    ['a control character', 'pass\u0007word is long'],
    ['DEL', 'pass\u007fword is long'],
    ['a lone surrogate', 'password is long \ud800'],
  ])('a password with %s is refused at the first call', async (_name, password) => {
    const answer = await h.post(REGISTER, { username: `ctl${Math.random().toString(36).slice(2, 8)}`, password });
    expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_WEAK_PASSWORD' } });
  });

  it('a refused creation gives the registration-token use back', async () => {
    const token = `once${mode.length}refund`;
    expect((await operator(h, `${TOKENS}/new`, { body: { token, uses_allowed: 1 } })).status).toBe(200);
    const session = await upToTheLastStep(`refund${mode.length}`, token);
    homeserver.arm({ status: 400, body: { errcode: 'M_EXCLUSIVE', error: 'User ID reserved by an application service' } });
    expect((await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } })).status).toBe(400);
    const view = (await operator(h, `${TOKENS}/${token}`)).body as { completed: number; pending: number };
    expect(view.completed).toBe(0);
    // The use stays this session's: it finishes under another name with the same token.
    const renamed = await h.post(REGISTER, { username: `refund${mode.length}b`, password: 'correct horse battery', auth: { session } });
    expect(renamed.status).toBe(200);
    expect(((await operator(h, `${TOKENS}/${token}`)).body as { completed: number }).completed).toBe(1);
  });
});
