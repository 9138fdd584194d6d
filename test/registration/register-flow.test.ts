import { describe, expect, it } from 'vitest';
import { REGISTER, registerThroughTermsAndDummy, TERMS, type Mode } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const FLOWS = [{ stages: ['m.login.terms', 'm.login.dummy'] }];

describe.each<Mode>(['shared_secret', 'admin_api'])('registration through terms and dummy (%s)', (mode) => {
  const h = useHarness({ mode });

  it('answers a call without auth with 401, a session, the flows and the terms params', async () => {
    const res = await h.post(REGISTER, {});
    expect(res.status).toBe(401);
    expect(res.body.session).toMatch(/^[A-Za-z]{24}$/);
    expect(res.body.flows).toEqual(FLOWS);
    expect(res.body.params).toEqual({ 'm.login.terms': TERMS });
    expect(res.body.completed).toBeUndefined();
  });

  it('follows the exchange of seed 002: a new session per call without auth, then stages carrying only auth', async () => {
    const probe = await h.post('/_matrix/client/r0/register', {});
    const first = await h.post('/_matrix/client/r0/register', {
      initial_device_display_name: 'Mobile device',
      username: 'Alice',
      password: 'weak but long',
    });
    expect(first.status).toBe(401);
    expect(first.body.session).not.toBe(probe.body.session);
    const session = first.body.session;

    const terms = await h.post('/_matrix/client/r0/register', { auth: { session, type: 'm.login.terms' } });
    expect(terms.status).toBe(401);
    expect(terms.body.completed).toEqual(['m.login.terms']);
    expect(terms.body.flows).toEqual(FLOWS);

    const where = await h.post('/_matrix/client/r0/register', { auth: { session } });
    expect(where.status).toBe(401);
    expect(where.body.completed).toEqual(['m.login.terms']);

    const done = await h.post('/_matrix/client/r0/register', { auth: { session, type: 'm.login.dummy' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ user_id: '@alice:localhost', home_server: 'localhost' });
    expect(done.body.access_token).toMatch(/^syt_/);
    expect(typeof done.body.device_id).toBe('string');

    const user = h.homeserver.getUser('@alice:localhost');
    expect(user).toBeDefined();
    const device = user!.devices.find((d) => d.device_id === done.body.device_id);
    expect(device?.display_name).toBe('Mobile device');
    const login = await fetch(`${h.homeserver.url}/_matrix/client/v3/login`, {
      method: 'POST',
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: 'weak but long' }),
    });
    expect(login.status).toBe(200);
  });

  it('answers a completed session submitted again with the same user_id and makes no second account', async () => {
    const first = await h.post(REGISTER, { username: 'bob', password: 'correct horse battery' });
    const session = first.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    const again = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    const bare = await h.post(REGISTER, { auth: { session } });
    expect(done.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: done.body });
    expect(bare).toMatchObject({ status: 200, body: done.body });
    expect(h.homeserver.listUsers().filter((u: any) => u.name === '@bob:localhost')).toHaveLength(1);
  });

  it('takes the username and password from a later call when the first carried none', async () => {
    const probe = await h.post(REGISTER, {});
    const session = probe.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { username: 'carol', password: 'correct horse battery', auth: { session, type: 'm.login.dummy' } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@carol:localhost');
  });

  it('says which parameter is missing when a flow completes without a password, and lets the session go on', async () => {
    const probe = await h.post(REGISTER, { username: 'dora' });
    const session = probe.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const missing = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(missing).toMatchObject({ status: 400, body: { errcode: 'M_MISSING_PARAM' } });
    const done = await h.post(REGISTER, { password: 'correct horse battery', auth: { session } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@dora:localhost');
  });

  it('honours device_id and refresh_token', async () => {
    const done = await registerThroughTermsAndDummy(h, 'erin', { device_id: 'ERINPHONE', refresh_token: true });
    expect(done.status).toBe(200);
    expect(done.body.device_id).toBe('ERINPHONE');
    expect(typeof done.body.refresh_token).toBe('string');
    expect(typeof done.body.expires_in_ms).toBe('number');
  });

  it('honours inhibit_login: the account exists and no token is handed out', async () => {
    const done = await registerThroughTermsAndDummy(h, 'frank', { inhibit_login: true });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ user_id: '@frank:localhost', home_server: 'localhost' });
    expect(h.homeserver.getUser('@frank:localhost')).toBeDefined();
  });

  it('refuses a stage that no flow offers, and answers a failed stage check with the UIA body', async () => {
    const first = await h.post(REGISTER, { username: 'gina', password: 'correct horse battery' });
    const res = await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.recaptcha' } });
    expect(res).toMatchObject({ status: 400, body: { errcode: 'M_UNRECOGNIZED' } });
  });

  it('keeps the stages done when the username is changed mid-session, and moves the reservation', async () => {
    const first = await h.post(REGISTER, { username: 'hugo', password: 'correct horse battery' });
    const session = first.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const renamed = await h.post(REGISTER, { username: 'hugo2', password: 'correct horse battery', auth: { session } });
    expect(renamed.body.completed).toEqual(['m.login.terms']);
    const other = await h.post(REGISTER, { username: 'hugo', password: 'correct horse battery' });
    expect(other.status).toBe(401);
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done.body.user_id).toBe('@hugo2:localhost');
  });
});
