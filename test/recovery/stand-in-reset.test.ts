/**
 * The development homeserver answers the calls of a reset as Synapse 1.67 does (each answer below was read off
 * a real 1.67): the admin reset_password, and a logged-in user's own change of password with its UIA.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { deactivate, login, makeAccount, whoami } from './reset-support.js';

describe('the stand-in homeserver, for password resets', () => {
  const h = useHarness({});
  const hs = () => ({ url: h.homeserver.url, adminToken: ADMIN_TOKEN, serverName: 'localhost' });
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${h.homeserver.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const reset = (userId: string, body: unknown) =>
    post(`/_synapse/admin/v1/reset_password/${encodeURIComponent(userId)}`, body, ADMIN_TOKEN);

  it('reset_password: 404 "Unknown user" for a user not here (a remote one too), M_MISSING_PARAM without new_password', async () => {
    expect(await reset('@remote:example.com', { new_password: 'x' })).toEqual({
      status: 404,
      body: { errcode: 'M_NOT_FOUND', error: 'Unknown user' },
    });
    expect(await reset('@nobody:localhost', { new_password: 'x' })).toEqual({
      status: 404,
      body: { errcode: 'M_NOT_FOUND', error: 'Unknown user' },
    });
    await makeAccount(hs(), 'sa1', 'first password here', []);
    expect(await reset('@sa1:localhost', {})).toEqual({
      status: 400,
      body: { errcode: 'M_MISSING_PARAM', error: "Missing params: ['new_password']" },
    });
    expect((await post('/_synapse/admin/v1/reset_password/%40sa1%3Alocalhost', { new_password: 'x' })).body.errcode).toBe(
      'M_MISSING_TOKEN',
    );
  });

  it('reset_password signs every device out unless logout_devices is false, and sets a deactivated account alike', async () => {
    await makeAccount(hs(), 'sa2', 'first password here', []);
    const token = (await login(hs(), 'sa2', 'first password here')).body.access_token;
    expect(await reset('@sa2:localhost', { new_password: 'second password', logout_devices: false })).toEqual({ status: 200, body: {} });
    expect((await whoami(hs(), token)).status).toBe(200);
    expect((await reset('@sa2:localhost', { new_password: 'third password' })).status).toBe(200);
    expect((await whoami(hs(), token)).status).toBe(401);
    await deactivate(hs(), '@sa2:localhost');
    expect(await reset('@sa2:localhost', { new_password: 'fourth password' })).toEqual({ status: 200, body: {} });
  });

  it('a logged-in change of password: the flows first, a wrong password 401 M_FORBIDDEN, then 200 keeping the calling device', async () => {
    await makeAccount(hs(), 'sa3', 'first password here', []);
    const mine = (await login(hs(), 'sa3', 'first password here')).body.access_token;
    const other = (await login(hs(), 'sa3', 'first password here')).body.access_token;
    const first = await post('/_matrix/client/v3/account/password', { new_password: 'next password' }, mine);
    expect(first).toMatchObject({ status: 401, body: { flows: [{ stages: ['m.login.password'] }], params: {} } });
    expect(first.body.errcode).toBeUndefined();
    const identifier = { type: 'm.id.user', user: 'sa3' };
    const wrong = await post(
      '/_matrix/client/v3/account/password',
      { new_password: 'next password', auth: { type: 'm.login.password', session: first.body.session, identifier, password: 'nope' } },
      mine,
    );
    expect(wrong).toMatchObject({ status: 401, body: { errcode: 'M_FORBIDDEN', error: 'Invalid username or password', completed: [] } });
    const right = await post(
      '/_matrix/client/v3/account/password',
      {
        new_password: 'next password',
        auth: { type: 'm.login.password', session: first.body.session, identifier, password: 'first password here' },
      },
      mine,
    );
    expect(right).toEqual({ status: 200, body: {} });
    expect((await whoami(hs(), mine)).status).toBe(200);
    expect((await whoami(hs(), other)).status).toBe(401);
    expect((await login(hs(), 'sa3', 'next password')).status).toBe(200);
  });
});
