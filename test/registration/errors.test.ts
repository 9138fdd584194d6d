import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, registerThroughTermsAndDummy, startHarness, type Harness } from '../support/harness.js';

describe('errors a client sees on /register', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { username: { reserved: ['admin'] } } });
  });
  afterAll(() => h.close());

  const expectMatrixError = (res: { status: number; body: any }, status: number, errcode: string) => {
    expect(res.status).toBe(status);
    expect(res.body.errcode).toBe(errcode);
    expect(typeof res.body.error).toBe('string');
  };

  it('refuses guests with M_GUEST_ACCESS_FORBIDDEN', async () => {
    expectMatrixError(await h.post(`${REGISTER}?kind=guest`, {}), 403, 'M_GUEST_ACCESS_FORBIDDEN');
  });

  it('refuses an unknown kind with M_INVALID_PARAM', async () => {
    expectMatrixError(await h.post(`${REGISTER}?kind=robot`, {}), 400, 'M_INVALID_PARAM');
  });

  it('answers a body that is not JSON with M_NOT_JSON', async () => {
    expectMatrixError(await h.post(REGISTER, '{"username": '), 400, 'M_NOT_JSON');
    expectMatrixError(await h.post(REGISTER, ''), 400, 'M_NOT_JSON');
  });

  it('answers JSON of the wrong shape with M_BAD_JSON', async () => {
    expectMatrixError(await h.post(REGISTER, '[1,2]'), 400, 'M_BAD_JSON');
    expectMatrixError(await h.post(REGISTER, { username: 42 }), 400, 'M_BAD_JSON');
    expectMatrixError(await h.post(REGISTER, { auth: 'x' }), 400, 'M_BAD_JSON');
    expectMatrixError(await h.post(REGISTER, { inhibit_login: 'yes' }), 400, 'M_BAD_JSON');
  });

  it('answers out-of-range values with M_INVALID_PARAM', async () => {
    expectMatrixError(await h.post(REGISTER, { username: 'a'.repeat(513) }), 400, 'M_INVALID_PARAM');
    expectMatrixError(await h.post(REGISTER, { auth: { session: 'not a session!' } }), 400, 'M_INVALID_PARAM');
  });

  it('answers unknown paths and methods with M_UNRECOGNIZED', async () => {
    expectMatrixError(await h.get('/_matrix/client/v3/nowhere'), 404, 'M_UNRECOGNIZED');
    expectMatrixError(await h.get(REGISTER), 405, 'M_UNRECOGNIZED');
    expectMatrixError(await h.post('/_matrix/client/v3/register/available', {}), 405, 'M_UNRECOGNIZED');
  });

  it('refuses a body over the size limit with M_TOO_LARGE', async () => {
    expectMatrixError(await h.post(REGISTER, { username: 'x', pad: 'y'.repeat(70_000) }), 413, 'M_TOO_LARGE');
  });

  it('answers an unknown session with M_UNKNOWN', async () => {
    expectMatrixError(await h.post(REGISTER, { auth: { session: 'NoSuchSessionAtAllHere', type: 'm.login.dummy' } }), 400, 'M_UNKNOWN');
  });

  it.each([
    ['bad chars', 'Bad User!'],
    ['all digits', '12345'],
    ['a leading underscore', '_bridge'],
    ['a user ID over 255 bytes', 'a'.repeat(250)],
    ['an empty name', ''],
    ['a name the tenant reserved', 'Admin'],
  ])('refuses %s with M_INVALID_USERNAME before any stage', async (_, username) => {
    expectMatrixError(await h.post(REGISTER, { username, password: 'correct horse battery' }), 400, 'M_INVALID_USERNAME');
  });

  it('lowercases a new username', async () => {
    const done = await registerThroughTermsAndDummy(h, 'MiXeD.Case');
    expect(done.body.user_id).toBe('@mixed.case:localhost');
  });

  it('refuses a name already on the homeserver with M_USER_IN_USE', async () => {
    await registerThroughTermsAndDummy(h, 'taken');
    expectMatrixError(await h.post(REGISTER, { username: 'taken', password: 'correct horse battery' }), 400, 'M_USER_IN_USE');
  });

  it('reserves a name for the life of a session: the second person is told M_USER_IN_USE at once', async () => {
    const first = await h.post(REGISTER, { username: 'wanted', password: 'correct horse battery' });
    expect(first.status).toBe(401);
    expectMatrixError(await h.post(REGISTER, { username: 'wanted', password: 'another password' }), 400, 'M_USER_IN_USE');
    expectMatrixError(await h.get('/_matrix/client/v3/register/available?username=wanted'), 400, 'M_USER_IN_USE');
  });

  it('refuses a short password with M_WEAK_PASSWORD, and one over the maximum too', async () => {
    expectMatrixError(await h.post(REGISTER, { username: 'pw1', password: 'short' }), 400, 'M_WEAK_PASSWORD');
    expectMatrixError(await h.post(REGISTER, { username: 'pw2', password: 'p'.repeat(513) }), 400, 'M_WEAK_PASSWORD');
  });

  it('answers /register/available with the same checks', async () => {
    expect((await h.get('/_matrix/client/v3/register/available?username=Free.Name')).body).toEqual({ available: true });
    expectMatrixError(await h.get('/_matrix/client/r0/register/available?username=taken'), 400, 'M_USER_IN_USE');
    expectMatrixError(await h.get('/_matrix/client/v3/register/available?username=_x'), 400, 'M_INVALID_USERNAME');
    expectMatrixError(await h.get('/_matrix/client/v3/register/available'), 400, 'M_MISSING_PARAM');
  });

  it('answers CORS preflights and decorates answers as a homeserver does', async () => {
    const pre = await h.app.request(REGISTER, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.element.io', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    const res = await h.app.request(REGISTER, { method: 'POST', body: '{}', headers: { origin: 'https://app.element.io' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('a tenant with registration closed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { registration: { enabled: false, flows: [['m.login.dummy']] } } });
  });
  afterAll(() => h.close());

  it('answers 403 M_FORBIDDEN "Registration has been disabled" on both prefixes and on /available', async () => {
    for (const path of ['/_matrix/client/v3/register', '/_matrix/client/r0/register']) {
      expect(await h.post(path, {})).toMatchObject({
        status: 403,
        body: { errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' },
      });
    }
    expect((await h.get('/_matrix/client/v3/register/available?username=x')).status).toBe(403);
  });
});
