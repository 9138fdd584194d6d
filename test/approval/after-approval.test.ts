/**
 * What a client that repeats the final `/register` call hears once an operator decided: the account was
 * made without a login and its password is gone, so a repeat that asks for a login is told to log in
 * (403 M_FORBIDDEN naming the account), never given a 200 without the token it asked for; one that asks
 * for no login gets `{user_id, home_server}`. A denied sign-up's session is gone.
 */
import { describe, expect, it } from 'vitest';
import { REGISTER } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { finishFlow, login, OPERATOR_KEY, operator, REQUESTS, requestOf } from './support.js';

const CREATE_ROUTE = { shared_secret: 'POST /_synapse/admin/v1/register', admin_api: 'PUT /_synapse/admin/v2/users' } as const;

describe.each(['shared_secret', 'admin_api'] as const)('the final call repeated after the decision (%s)', (mode) => {
  const h = useHarness({
    mode,
    homeserverTimeoutMs: 1000,
    config: { approval: { when: { always: true } } },
    secrets: { operatorKey: OPERATOR_KEY },
  });

  it('after approval, a repeat asking for a login is told to log in as the account, and the person can', async () => {
    const { session } = await finishFlow(h, 'rita');
    const request = await requestOf(h, 'rita');
    expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);

    // The first call asked for a login (inhibit_login absent = false): the repeat carries only auth, as clients do.
    const repeat = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(repeat.status).toBe(403);
    expect(repeat.body).toEqual({
      errcode: 'M_FORBIDDEN',
      error: 'This sign-up was approved and the account @rita:localhost exists: log in with your password',
      user_id: '@rita:localhost',
    });
    // Asked with a false inhibit_login in the repeat itself: the same.
    const explicit = await h.post(REGISTER, { auth: { session }, inhibit_login: false });
    expect(explicit).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN', user_id: '@rita:localhost' } });
    // Asking for no login: the account, as a registration with inhibit_login answers.
    const inhibited = await h.post(REGISTER, { auth: { session }, inhibit_login: true });
    expect(inhibited).toMatchObject({ status: 200, body: { user_id: '@rita:localhost', home_server: 'localhost' } });
    expect(inhibited.body.access_token).toBeUndefined();
    // No device was made by any of these; the person's own login is the first.
    expect(h.homeserver.getUser('@rita:localhost')!.devices).toHaveLength(0);
    expect((await login(h.homeserver.url, 'rita')).status).toBe(200);
  });

  it('before the decision every repeat still says the sign-up waits, whatever it asks for', async () => {
    const { session } = await finishFlow(h, 'wendy');
    for (const body of [{ auth: { session } }, { auth: { session }, inhibit_login: true }]) {
      expect(await h.post(REGISTER, body)).toMatchObject({ status: 403, body: { errcode: 'M_USER_AWAITING_APPROVAL' } });
    }
  });

  it('after a denial the session is gone: the repeat gets the unknown-session answer', async () => {
    const { session } = await finishFlow(h, 'dora');
    const request = await requestOf(h, 'dora');
    expect((await operator(h, `${REQUESTS}/${request.id}/deny`, { body: {} })).status).toBe(200);
    const repeat = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(repeat).toMatchObject({ status: 400, body: { errcode: 'M_UNKNOWN' } });
  });

  it('approved but not yet made (the homeserver failed): the password is still sealed, so the repeat makes the account with a login', async () => {
    const { session } = await finishFlow(h, 'hugo');
    const request = await requestOf(h, 'hugo');
    h.homeserver.injectFault({ route: CREATE_ROUTE[mode], kind: 'status500' });
    const failed = await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} });
    expect(failed.status).toBe(503);
    expect(h.homeserver.getUser('@hugo:localhost')).toBeUndefined();

    const repeat = await h.post(REGISTER, { auth: { session } });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ user_id: '@hugo:localhost', access_token: expect.any(String) });
    // The operator's retry finds the account made, once.
    const retried = await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} });
    expect(retried.body).toMatchObject({ state: 'approved', user_id: '@hugo:localhost', decided_now: false });
    expect(h.homeserver.listUsers().filter((u) => u.name === '@hugo:localhost')).toHaveLength(1);
  });
});
