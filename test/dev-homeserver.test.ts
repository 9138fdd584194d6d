// Checks that the dev homeserver answers over real HTTP the way the observed Synapse 1.67 does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DevHomeserver, sharedSecretMac, startDevHomeserver } from '../local/dev-homeserver/index.js';

const SERVER_NAME = 'localhost';
const SHARED_SECRET = 'dev-shared-secret';
const ADMIN_TOKEN = 'dev-admin-token';
const START_MS = 1_795_423_442_606;

const clock = { ms: START_MS };
let hs: DevHomeserver;

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

interface CallOptions {
  body?: unknown;
  raw?: string;
  token?: string;
}

async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${hs.url}${path}`, { method, headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const admin = (method: string, path: string, body?: unknown) => call(method, path, { body, token: ADMIN_TOKEN });
const userPath = (userId: string) => `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`;

async function nonce(): Promise<string> {
  const { json } = await call('GET', '/_synapse/admin/v1/register');
  return json.nonce as string;
}

interface SharedSecretRequest {
  username: string;
  password?: string;
  admin?: boolean;
  displayname?: string;
  nonce?: string;
  mac?: string;
}

async function registerWithSecret(request: SharedSecretRequest): Promise<Answer> {
  const n = request.nonce ?? (await nonce());
  const password = request.password ?? 'correct horse';
  const isAdmin = request.admin ?? false;
  const mac = request.mac ?? sharedSecretMac(SHARED_SECRET, { nonce: n, username: request.username, password, admin: isAdmin });
  const body = { nonce: n, username: request.username, password, admin: isAdmin, mac, displayname: request.displayname };
  return call('POST', '/_synapse/admin/v1/register', { body });
}

function login(user: string, password: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const body = { type: 'm.login.password', identifier: { type: 'm.id.user', user }, password, ...extra };
  return call('POST', '/_matrix/client/v3/login', { body });
}

const whoami = (token: unknown) => call('GET', '/_matrix/client/v3/account/whoami', { token: String(token) });
const error = (errcode: string, message: string) => ({ errcode, error: message });
const BAD_USERNAME = "User ID can only contain characters a-z, 0-9, or '=_-./'";

beforeAll(async () => {
  hs = await startDevHomeserver({
    serverName: SERVER_NAME,
    sharedSecret: SHARED_SECRET,
    adminToken: ADMIN_TOKEN,
    now: () => clock.ms,
  });
});

afterAll(async () => {
  await hs.close();
});

beforeEach(() => {
  hs.reset();
  clock.ms = START_MS;
});

describe('basics', () => {
  it('listens on loopback and lists the spec versions', async () => {
    expect(hs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, json } = await call('GET', '/_matrix/client/versions');
    expect(status).toBe(200);
    const v1 = Array.from({ length: 11 }, (_, i) => `v1.${i + 1}`);
    expect(json.versions).toEqual(['r0.6.1', ...v1]);
    expect(v1.at(-1)).toBe('v1.11');
  });

  it('answers an unknown path with 404 M_UNRECOGNIZED and a known path with the wrong method with 405', async () => {
    const unrecognized = error('M_UNRECOGNIZED', 'Unrecognized request');
    expect(await call('GET', '/_matrix/client/v3/nope')).toEqual({ status: 404, json: unrecognized });
    expect((await call('DELETE', '/_synapse/admin/v1/register')).status).toBe(405);
  });

  it('refuses a body that is not JSON with 400 M_NOT_JSON', async () => {
    const answer = await call('POST', '/_synapse/admin/v1/register', { raw: '{nope' });
    expect(answer).toEqual({ status: 400, json: error('M_NOT_JSON', 'Content not JSON.') });
    expect((await call('POST', '/_matrix/client/v3/login', { raw: '' })).json.errcode).toBe('M_NOT_JSON');
  });

  it('reports what the server version is, like Synapse 1.67', async () => {
    expect((await call('GET', '/_synapse/admin/v1/server_version')).json.server_version).toBe('1.67.0');
  });
});

describe('shared-secret registration', () => {
  it('hands out a fresh hex nonce on each GET', async () => {
    const [a, b] = [await nonce(), await nonce()];
    expect(a).toMatch(/^[0-9a-f]{128}$/);
    expect(a).not.toBe(b);
  });

  it('creates the account and returns a token and a recorded device', async () => {
    const { status, json } = await registerWithSecret({ username: 'admin1', admin: true });
    expect(status).toBe(200);
    expect(json).toEqual({
      user_id: '@admin1:localhost',
      home_server: 'localhost',
      access_token: expect.stringMatching(/^syt_/),
      device_id: expect.stringMatching(/^[A-Z]{10}$/),
    });
    const user = hs.getUser('@admin1:localhost');
    expect(user).toMatchObject({ admin: true, displayname: 'admin1', has_password: true, deactivated: false });
    expect(user?.devices).toEqual([{ device_id: json.device_id, display_name: null }]);
    expect((await whoami(json.access_token)).json).toEqual({ user_id: '@admin1:localhost', device_id: json.device_id, is_guest: false });
  });

  it('keeps a given display name and lowercases the username, as Synapse does', async () => {
    expect((await registerWithSecret({ username: 'Carol', displayname: 'Carol C' })).json.user_id).toBe('@carol:localhost');
    expect(hs.getUser('@carol:localhost')?.displayname).toBe('Carol C');
  });

  it('accepts a nonce only once', async () => {
    const n = await nonce();
    expect((await registerWithSecret({ username: 'once', nonce: n })).status).toBe(200);
    const again = await registerWithSecret({ username: 'twice', nonce: n });
    expect(again).toEqual({ status: 400, json: error('M_UNKNOWN', 'unrecognised nonce') });
  });

  it('refuses an unknown nonce', async () => {
    const answer = await registerWithSecret({ username: 'x', nonce: 'f00d' });
    expect(answer).toEqual({ status: 400, json: error('M_UNKNOWN', 'unrecognised nonce') });
  });

  it('lets a nonce expire after 60 s by the injected clock', async () => {
    const fresh = await nonce();
    clock.ms += 59_000;
    expect((await registerWithSecret({ username: 'intime', nonce: fresh })).status).toBe(200);
    const stale = await nonce();
    clock.ms += 61_000;
    const late = await registerWithSecret({ username: 'late', nonce: stale });
    expect(late).toEqual({ status: 400, json: error('M_UNKNOWN', 'unrecognised nonce') });
  });

  it('refuses a wrong MAC with 403 and burns the nonce anyway', async () => {
    const n = await nonce();
    const wrong = await registerWithSecret({ username: 'mallory', nonce: n, mac: 'ab'.repeat(20) });
    expect(wrong).toEqual({ status: 403, json: error('M_UNKNOWN', 'HMAC incorrect') });
    expect((await registerWithSecret({ username: 'mallory', nonce: n })).json.error).toBe('unrecognised nonce');
    expect(hs.getUser('@mallory:localhost')).toBeUndefined();
  });

  it('refuses a MAC computed for notadmin when admin is asked for', async () => {
    const n = await nonce();
    const mac = sharedSecretMac(SHARED_SECRET, { nonce: n, username: 'sneaky', password: 'pw', admin: false });
    const answer = await registerWithSecret({ username: 'sneaky', password: 'pw', admin: true, nonce: n, mac });
    expect(answer.status).toBe(403);
  });

  it('refuses a taken name with 400 M_USER_IN_USE', async () => {
    await registerWithSecret({ username: 'alice' });
    const answer = await registerWithSecret({ username: 'alice' });
    expect(answer).toEqual({ status: 400, json: error('M_USER_IN_USE', 'User ID already taken.') });
  });

  it('refuses a bad username with the observed M_INVALID_USERNAME text', async () => {
    const answer = await registerWithSecret({ username: 'Bad User!' });
    expect(answer).toEqual({ status: 400, json: error('M_INVALID_USERNAME', BAD_USERNAME) });
    expect((await registerWithSecret({ username: `${'a'.repeat(250)}` })).json.errcode).toBe('M_INVALID_USERNAME');
  });

  it('asks for the mac field with M_BAD_JSON', async () => {
    const body = { nonce: await nonce(), username: 'a', password: 'b' };
    const answer = await call('POST', '/_synapse/admin/v1/register', { body });
    expect(answer).toEqual({ status: 400, json: error('M_BAD_JSON', 'mac must be specified') });
  });

  it('is disabled without a shared secret', async () => {
    const closed = await startDevHomeserver({ serverName: SERVER_NAME });
    try {
      const response = await fetch(`${closed.url}/_synapse/admin/v1/register`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(error('M_UNKNOWN', 'Shared secret registration is not enabled'));
    } finally {
      await closed.close();
    }
  });
});

describe('admin API authentication', () => {
  const path = '/_synapse/admin/v1/username_available?username=bob';

  it('answers 401 M_MISSING_TOKEN without a token', async () => {
    expect(await call('GET', path)).toEqual({ status: 401, json: error('M_MISSING_TOKEN', 'Missing access token') });
  });

  it('answers 401 M_UNKNOWN_TOKEN for a token it does not know', async () => {
    const answer = await call('GET', path, { token: 'nope' });
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject(error('M_UNKNOWN_TOKEN', 'Invalid access token passed.'));
  });

  it('answers 403 M_FORBIDDEN for the token of a user who is not an admin', async () => {
    const { json } = await registerWithSecret({ username: 'plain' });
    const answer = await call('GET', path, { token: json.access_token as string });
    expect(answer).toEqual({ status: 403, json: error('M_FORBIDDEN', 'You are not a server admin') });
  });

  it('accepts the token of a user with the admin flag as well as the admin token', async () => {
    const { json } = await registerWithSecret({ username: 'boss', admin: true });
    expect((await call('GET', path, { token: json.access_token as string })).json).toEqual({ available: true });
    expect((await admin('GET', path)).json).toEqual({ available: true });
  });
});

describe('admin v2 users', () => {
  const alice = '@alice:localhost';
  const aliceBody = {
    password: 'pw-alice',
    displayname: 'Alice',
    threepids: [{ medium: 'email', address: 'alice@example.org' }],
  };

  it('creates with 201 and the full Synapse user shape', async () => {
    const { status, json } = await admin('PUT', userPath(alice), aliceBody);
    expect(status).toBe(201);
    expect(json).toEqual({
      name: alice,
      is_guest: 0,
      admin: 0,
      consent_version: null,
      consent_server_notice_sent: null,
      appservice_id: null,
      creation_ts: Math.floor(START_MS / 1000),
      user_type: null,
      deactivated: 0,
      shadow_banned: 0,
      displayname: 'Alice',
      avatar_url: null,
      threepids: [{ medium: 'email', address: 'alice@example.org', validated_at: START_MS, added_at: START_MS }],
      external_ids: [],
    });
    expect((await login('alice', 'pw-alice')).status).toBe(200);
  });

  it('answers 200 with the same shape when the user exists (an update)', async () => {
    await admin('PUT', userPath(alice), aliceBody);
    const { status, json } = await admin('PUT', userPath(alice), { displayname: 'Alice A', admin: true });
    expect(status).toBe(200);
    expect(json).toMatchObject({ name: alice, displayname: 'Alice A', admin: 1 });
    expect((await admin('GET', userPath(alice))).json).toEqual(json);
  });

  it('creates a user without a password, named after its localpart', async () => {
    const { status, json } = await admin('PUT', userPath('@frank:localhost'), {});
    expect(status).toBe(201);
    expect(json.displayname).toBe('frank');
    expect(hs.getUser('@frank:localhost')?.has_password).toBe(false);
    expect((await login('frank', '')).status).toBe(403);
  });

  it('stores email addresses lowercased and lets two users share one (as 1.67 does)', async () => {
    const threepids = [{ medium: 'email', address: 'Frank@Example.ORG' }];
    await admin('PUT', userPath('@frank:localhost'), { threepids });
    expect((await admin('PUT', userPath('@frank2:localhost'), { threepids })).status).toBe(201);
    expect(hs.getUser('@frank:localhost')?.threepids[0]?.address).toBe('frank@example.org');
  });

  it('replaces the 3PID list and keeps the timestamps of the addresses it keeps', async () => {
    await admin('PUT', userPath(alice), aliceBody);
    clock.ms += 5_000;
    const threepids = [
      { medium: 'email', address: 'alice@example.org' },
      { medium: 'msisdn', address: '15555550100' },
    ];
    const { json } = await admin('PUT', userPath(alice), { threepids });
    expect(json.threepids).toEqual([
      { medium: 'email', address: 'alice@example.org', validated_at: START_MS, added_at: START_MS },
      { medium: 'msisdn', address: '15555550100', validated_at: START_MS + 5_000, added_at: START_MS + 5_000 },
    ]);
    await admin('PUT', userPath(alice), { threepids: [{ medium: 'msisdn', address: '15555550100' }] });
    expect(hs.getUser(alice)?.threepids.map((t) => t.medium)).toEqual(['msisdn']);
  });

  it('refuses remote users and bad localparts', async () => {
    expect(await admin('PUT', userPath('@remote:example.com'), {})).toEqual({
      status: 400,
      json: error('M_UNKNOWN', 'This endpoint can only be used with local users'),
    });
    const upper = await admin('PUT', userPath('@UpperCase:localhost'), {});
    expect(upper).toEqual({ status: 400, json: error('M_INVALID_USERNAME', BAD_USERNAME) });
  });

  it('answers GET for an unknown user with 404 M_NOT_FOUND', async () => {
    const answer = await admin('GET', userPath('@nobody:localhost'));
    expect(answer).toEqual({ status: 404, json: error('M_NOT_FOUND', 'User not found') });
  });

  it('refuses a body that is not JSON, but only after checking the token', async () => {
    expect((await call('PUT', userPath(alice), { raw: 'x' })).json.errcode).toBe('M_MISSING_TOKEN');
    expect((await call('PUT', userPath(alice), { raw: 'x', token: ADMIN_TOKEN })).json.errcode).toBe('M_NOT_JSON');
  });

  it('logs out every device when an admin sets a new password', async () => {
    await admin('PUT', userPath(alice), aliceBody);
    const token = (await login('alice', 'pw-alice')).json.access_token as string;
    await admin('PUT', userPath(alice), { password: 'pw-new' });
    expect((await whoami(token)).status).toBe(401);
    expect((await login('alice', 'pw-new')).status).toBe(200);
  });
});

describe('username_available', () => {
  const available = (username: string) => admin('GET', `/_synapse/admin/v1/username_available?username=${encodeURIComponent(username)}`);

  it('answers available, taken, invalid', async () => {
    await admin('PUT', userPath('@alice:localhost'), {});
    expect(await available('bob')).toEqual({ status: 200, json: { available: true } });
    expect(await available('alice')).toEqual({ status: 400, json: error('M_USER_IN_USE', 'User ID already taken.') });
    expect(await available('Bad User!')).toEqual({ status: 400, json: error('M_INVALID_USERNAME', BAD_USERNAME) });
  });

  it('still calls a deactivated user taken: names are never recycled', async () => {
    await admin('PUT', userPath('@alice:localhost'), {});
    await admin('POST', '/_synapse/admin/v1/deactivate/@alice:localhost', { erase: true });
    expect((await available('alice')).json.errcode).toBe('M_USER_IN_USE');
  });

  it('asks for the username parameter', async () => {
    expect((await admin('GET', '/_synapse/admin/v1/username_available')).json.errcode).toBe('M_MISSING_PARAM');
  });
});

describe('deactivation', () => {
  const dave = '@dave:localhost';
  const deactivate = (userId: string, body?: unknown) => admin('POST', `/_synapse/admin/v1/deactivate/${encodeURIComponent(userId)}`, body);

  beforeEach(async () => {
    const threepids = [{ medium: 'email', address: 'd@example.org' }];
    await admin('PUT', userPath(dave), { password: 'pw-dave', displayname: 'Dave', threepids });
  });

  it('erases the profile and 3PIDs, and can be repeated', async () => {
    const token = (await login('dave', 'pw-dave')).json.access_token as string;
    expect(await deactivate(dave, { erase: true })).toEqual({ status: 200, json: { id_server_unbind_result: 'success' } });
    expect((await admin('GET', userPath(dave))).json).toMatchObject({ deactivated: 1, displayname: null, threepids: [] });
    expect((await deactivate(dave)).status).toBe(200);
    expect((await call('POST', '/_matrix/client/v3/logout', { token })).status).toBe(401);
    expect(hs.getUser(dave)?.devices).toEqual([]);
  });

  it('keeps the display name without erase', async () => {
    await deactivate(dave, {});
    expect(hs.getUser(dave)).toMatchObject({ deactivated: true, displayname: 'Dave', threepids: [] });
  });

  it('answers 404 for an unknown user', async () => {
    expect(await deactivate('@ghost:localhost')).toEqual({ status: 404, json: error('M_NOT_FOUND', 'User not found') });
  });

  it('makes login answer M_USER_DEACTIVATED, until an admin reactivates with a password', async () => {
    await deactivate(dave);
    const refused = error('M_USER_DEACTIVATED', 'This account has been deactivated');
    expect(await login('dave', 'pw-dave')).toEqual({ status: 403, json: refused });
    expect((await admin('PUT', userPath(dave), { deactivated: false })).status).toBe(400);
    expect((await admin('PUT', userPath(dave), { deactivated: false, password: 'pw-back' })).json.deactivated).toBe(0);
    expect((await login('dave', 'pw-back')).status).toBe(200);
  });

  it('resets a password through reset_password', async () => {
    const path = `/_synapse/admin/v1/reset_password/${encodeURIComponent(dave)}`;
    expect(await admin('POST', path, { new_password: 'pw-reset', logout_devices: true })).toEqual({ status: 200, json: {} });
    expect((await login('dave', 'pw-reset')).status).toBe(200);
  });
});

describe('client login, logout and devices', () => {
  beforeEach(async () => {
    const threepids = [{ medium: 'email', address: 'erin@example.org' }];
    await admin('PUT', userPath('@erin:localhost'), { password: 'pw-erin', threepids });
  });

  it('logs in by localpart and answers the observed shape', async () => {
    const { status, json } = await login('erin', 'pw-erin');
    expect(status).toBe(200);
    expect(json).toEqual({
      user_id: '@erin:localhost',
      access_token: expect.stringMatching(/^syt_/),
      home_server: 'localhost',
      device_id: expect.stringMatching(/^[A-Z]{10}$/),
      well_known: { 'm.homeserver': { base_url: `${hs.url}/` } },
    });
  });

  it('accepts a full user ID, the legacy top-level user, an email identifier and the r0 prefix', async () => {
    expect((await login('@erin:localhost', 'pw-erin')).status).toBe(200);
    const legacy = { type: 'm.login.password', user: 'erin', password: 'pw-erin' };
    expect((await call('POST', '/_matrix/client/r0/login', { body: legacy })).status).toBe(200);
    const identifier = { type: 'm.id.thirdparty', medium: 'email', address: 'Erin@example.org' };
    const email = { type: 'm.login.password', identifier, password: 'pw-erin' };
    expect((await call('POST', '/_matrix/client/v3/login', { body: email })).json.user_id).toBe('@erin:localhost');
  });

  it('refuses a wrong password or an unknown user with the same 403', async () => {
    const refused = { status: 403, json: error('M_FORBIDDEN', 'Invalid username or password') };
    expect(await login('erin', 'wrong')).toEqual(refused);
    expect(await login('nobody', 'pw-erin')).toEqual(refused);
  });

  it('reuses a given device ID, keeps its name and replaces its token', async () => {
    const first = await login('erin', 'pw-erin', { device_id: 'MYDEVICE', initial_device_display_name: 'Laptop' });
    const second = await login('erin', 'pw-erin', { device_id: 'MYDEVICE', initial_device_display_name: 'Other' });
    expect(second.json.device_id).toBe('MYDEVICE');
    expect(hs.getUser('@erin:localhost')?.devices).toEqual([{ device_id: 'MYDEVICE', display_name: 'Laptop' }]);
    expect((await whoami(first.json.access_token)).status).toBe(401);
  });

  it('issues a refresh token when asked, and rotates it on /refresh', async () => {
    const { json } = await login('erin', 'pw-erin', { refresh_token: true });
    expect(json).toMatchObject({ refresh_token: expect.stringMatching(/^syr_/), expires_in_ms: 300_000 });
    clock.ms += 300_000;
    const expired = await whoami(json.access_token);
    expect(expired.json).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: true });
    const refreshed = await call('POST', '/_matrix/client/v3/refresh', { body: { refresh_token: json.refresh_token } });
    expect(refreshed.json).toMatchObject({ access_token: expect.stringMatching(/^syt_/), expires_in_ms: 300_000 });
    expect((await call('POST', '/_matrix/client/v3/refresh', { body: { refresh_token: json.refresh_token } })).status).toBe(401);
  });

  it('logs out one device', async () => {
    const { json } = await login('erin', 'pw-erin');
    const token = json.access_token as string;
    expect(await call('POST', '/_matrix/client/v3/logout', { token, body: {} })).toEqual({ status: 200, json: {} });
    expect(hs.getUser('@erin:localhost')?.devices).toEqual([]);
    expect((await call('POST', '/_matrix/client/v3/logout', { token })).json.errcode).toBe('M_UNKNOWN_TOKEN');
  });

  it("renames the caller's device and answers 404 for someone else's", async () => {
    const { json } = await login('erin', 'pw-erin');
    const token = json.access_token as string;
    const rename = (deviceId: string) => call('PUT', `/_matrix/client/v3/devices/${deviceId}`, { token, body: { display_name: 'Phone' } });
    expect(await rename(json.device_id as string)).toEqual({ status: 200, json: {} });
    expect(hs.getUser('@erin:localhost')?.devices[0]?.display_name).toBe('Phone');
    expect((await rename('NOTMINE')).status).toBe(404);
    expect((await call('PUT', '/_matrix/client/v3/devices/X', { body: {} })).status).toBe(401);
  });

  it('keeps native registration closed on both prefixes', async () => {
    const closed = { status: 403, json: error('M_FORBIDDEN', 'Registration has been disabled') };
    expect(await call('POST', '/_matrix/client/v3/register', { body: {} })).toEqual(closed);
    expect(await call('POST', '/_matrix/client/r0/register', { body: {} })).toEqual(closed);
    expect(await call('GET', '/_matrix/client/v3/register/available?username=x')).toEqual(closed);
  });
});

describe('fault injection and counters', () => {
  const putKey = 'PUT /_synapse/admin/v2/users';
  const zed = '@zed:localhost';

  it('drops the connection for "down" without doing the work', async () => {
    hs.injectFault({ route: putKey, kind: 'down' });
    await expect(admin('PUT', userPath(zed), {})).rejects.toThrow();
    expect(hs.getUser(zed)).toBeUndefined();
    expect((await admin('PUT', userPath(zed), {})).status).toBe(201);
  });

  it('answers 500 for "status500" without doing the work', async () => {
    hs.injectFault({ route: putKey, kind: 'status500' });
    expect(await admin('PUT', userPath(zed), {})).toEqual({ status: 500, json: error('M_UNKNOWN', 'Internal server error') });
    expect(hs.getUser(zed)).toBeUndefined();
  });

  it('answers 500 for "commit-then-500" after really creating the user', async () => {
    hs.injectFault({ route: putKey, kind: 'commit-then-500' });
    expect((await admin('PUT', userPath(zed), {})).status).toBe(500);
    expect(hs.getUser(zed)).toBeDefined();
    expect((await admin('PUT', userPath(zed), {})).status).toBe(200);
  });

  it('drops the connection for "commit-then-reset" after really registering', async () => {
    hs.injectFault({ route: 'POST /_synapse/admin/v1/register', kind: 'commit-then-reset' });
    await expect(registerWithSecret({ username: 'zed' })).rejects.toThrow();
    expect(hs.getUser(zed)?.devices).toHaveLength(1);
  });

  it('answers normally but late for "slow"', async () => {
    hs.injectFault({ route: 'GET /_synapse/admin/v1/register', kind: 'slow', delayMs: 150 });
    const started = performance.now();
    expect(await nonce()).toMatch(/^[0-9a-f]+$/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies a fault as many times as asked, then answers normally', async () => {
    hs.injectFault({ route: 'POST /_matrix/client/v3/login', kind: 'status500', times: 2 });
    await admin('PUT', userPath(zed), { password: 'pw' });
    expect((await login('zed', 'pw')).status).toBe(500);
    expect((await login('zed', 'pw')).status).toBe(500);
    expect((await login('zed', 'pw')).status).toBe(200);
  });

  it('refuses a fault on a route key it does not serve', () => {
    expect(() => hs.injectFault({ route: 'PUT /_synapse/admin/v2/user', kind: 'down' })).toThrow(/Unknown route key/);
  });

  it('counts calls per route key, faulted ones included, and forgets them on reset', async () => {
    expect(hs.counters[putKey]).toBe(0);
    hs.injectFault({ route: putKey, kind: 'status500' });
    await admin('PUT', userPath(zed), {});
    await admin('PUT', userPath(zed), {});
    await admin('GET', userPath(zed));
    await registerWithSecret({ username: 'counted' });
    await login('counted', 'correct horse');
    await admin('GET', '/_synapse/admin/v1/username_available?username=free');
    expect(hs.counters).toMatchObject({
      [putKey]: 2,
      'GET /_synapse/admin/v2/users': 1,
      'GET /_synapse/admin/v1/register': 1,
      'POST /_synapse/admin/v1/register': 1,
      'POST /_matrix/client/v3/login': 1,
      'POST /_matrix/client/r0/login': 0,
      'GET /_synapse/admin/v1/username_available': 1,
    });
    hs.reset();
    expect(hs.counters[putKey]).toBe(0);
    expect(hs.listUsers()).toEqual([]);
  });
});
