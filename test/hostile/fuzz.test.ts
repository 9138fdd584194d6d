/**
 * Generated hostile requests across every endpoint: random and boundary JSON, wrong types, huge strings,
 * unicode names, odd client secrets, oversized bodies, wrong methods and content types, forged sessions.
 * Every answer must be a Matrix error with a 4xx status, or a valid success: never a 5xx, a stack trace or
 * a non-JSON error, and nothing unhandled may reach the log.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { recordFigure } from './figures.js';
import { sendLimits } from '../support/constants.js';

const RUNS_PER_PROPERTY = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let h: Harness;
let sent = 0;
beforeAll(async () => {
  h = await startHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.terms', 'm.login.dummy'], ['m.login.terms', 'm.login.email.identity'], ['m.login.msisdn']] },
      threepid: { ...THREEPID, rateLimits: sendLimits(1_000_000, 1_000_000) },
    },
  });
});
afterAll(async () => {
  recordFigure('requests fuzzed', sent);
  await h.close();
});

const PREFIXES = ['/_matrix/client/v3', '/_matrix/client/r0'];
const ENDPOINTS = ['/register', '/register/available', '/register/email/requestToken', '/register/msisdn/requestToken'];
const ROOT_PATHS = [
  '/_matrix/client/unstable/registration/email/submit_token',
  '/_matrix/client/unstable/registration/msisdn/submit_token',
  '/_matrix/client/v1/register/m.login.registration_token/validity',
  '/_matrix/client/v3/auth/m.login.recaptcha/fallback/web',
  '/_matrix/client/v3/auth/m.login.terms/fallback/web',
  '/_matrix/client/v3/auth/m.login.registration_token/fallback/web',
  '/_front_door/admin/v1/registration_tokens',
];

/** Strings an attacker tries: boundaries, unicode, markup, path tricks, very long values. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    'ǅemo',
    'İ',
    'ß',
    'ａｄｍｉｎ',
    'admin\u200b',
    '..',
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    '"\'><img src=x>',
    // A template-injection probe, meant literally.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe is the literal text
    '${7*7}',
    '{{brand}}',
    'null',
    'true',
    '-1',
    '1e309',
    'NaN',
    '\ud800',
  ),
  fc.string({ minLength: 255, maxLength: 260 }),
  fc.constantFrom('a'.repeat(10_000), 'é'.repeat(3000), '9'.repeat(600)),
  fc.stringMatching(/^[0-9a-zA-Z.=_-]{1,300}$/),
);

const scalar = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('v'), { maxKeys: 4 }),
  ),
})).v;

const FIELDS = [
  'username',
  'password',
  'auth',
  'type',
  'session',
  'device_id',
  'initial_device_display_name',
  'inhibit_login',
  'refresh_token',
  'client_secret',
  'email',
  'send_attempt',
  'next_link',
  'country',
  'phone_number',
  'sid',
  'token',
  'response',
  'threepid_creds',
  'threePidCreds',
  'kind',
  'uses_allowed',
  'expiry_time',
  'length',
];
const STAGES = [
  'm.login.dummy',
  'm.login.terms',
  'm.login.email.identity',
  'm.login.msisdn',
  'm.login.recaptcha',
  'm.login.registration_token',
  'm.login.password',
  'org.example.other',
];

/** Objects made of the fields the endpoints read, with hostile values, sometimes nested as auth dicts. */
const fieldSoup = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }).chain((body) =>
  fc
    .record({
      type: fc.constantFrom(...STAGES),
      session: fc.oneof(nasty, fc.constant(body.session)),
      extra: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 }),
    })
    .map((auth) => ('auth' in body ? { ...body, auth: { ...auth.extra, type: auth.type, session: auth.session } } : body)),
);

const body = fc.oneof(
  { weight: 5, arbitrary: fieldSoup.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '[]',
      '{"a":',
      '\u0000',
      '{"username":"x"}garbage',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 60_000, max: 140_000 }).map((n) => JSON.stringify({ username: 'u', password: 'p'.repeat(n) })),
  },
);

const query = fc.dictionary(fc.constantFrom('username', 'token', 'client_secret', 'sid', 'session', 'kind', 'valid'), nasty, {
  maxKeys: 4,
});

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...ENDPOINTS)).map(([p, e]) => p + e) },
    { weight: 3, arbitrary: fc.constantFrom(...ROOT_PATHS) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...PREFIXES, '/_front_door/admin/v1/registration_tokens', ''), nasty)
        .map(([p, s]) => `${p}/${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))}`),
    },
  ),
  query,
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    undefined,
  ),
  body,
  // Header values are bytes: what a client can send at all.
  authorization: fc.option(
    fc
      .oneof(
        nasty.map((t) => `Bearer ${t}`),
        nasty,
      )
      .map((t) => t.replace(/[^\x20-\x7e]/g, '')),
    { nil: undefined },
  ),
});

type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(req: Req): Promise<Response> {
  sent++;
  const qs = new URLSearchParams(req.query).toString();
  const headers: Record<string, string> = {};
  if (req.contentType) headers['content-type'] = req.contentType;
  if (req.authorization) headers.authorization = req.authorization;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return h.app.request(`${req.path}${qs ? `?${qs}` : ''}`, { method: req.method, headers, body: hasBody ? req.body : undefined });
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|Error: /;

async function checkAnswer(req: Req, res: Response): Promise<void> {
  const text = await res.text();
  const where = `${req.method} ${req.path}`;
  expect(res.status, `${where} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  expect(text, where).not.toMatch(STACK);
  const type = res.headers.get('content-type') ?? '';
  if (req.method === 'HEAD') {
    expect(text).toBe('');
    return;
  }
  // UIA: a 401 from /register carries flows and session, with errcode only when a stage failed.
  if (res.status === 401 && req.path.endsWith('/register') && text.includes('"flows"')) {
    const uia = JSON.parse(text);
    expect(Array.isArray(uia.flows)).toBe(true);
    if ('errcode' in uia) expect(typeof uia.error).toBe('string');
    return;
  }
  if (res.status >= 400) {
    if (type.includes('text/html')) {
      // Only the human-facing pages may answer a failure in HTML.
      expect(where).toMatch(/submit_token|fallback\/web/);
      return;
    }
    expect(type, where).toContain('application/json');
    const error = JSON.parse(text);
    expect(typeof error.errcode, `${where} ${text}`).toBe('string');
    expect(error.errcode).toMatch(/^M_[A-Z_]+$/);
    expect(typeof error.error).toBe('string');
  } else if (text && type.includes('application/json')) {
    JSON.parse(text);
  }
}

describe('fuzzing every endpoint', () => {
  it(`${RUNS_PER_PROPERTY * 5} arbitrary requests: every answer is a Matrix error or a success, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (req) => checkAnswer(req, await send(req))),
      { numRuns: RUNS_PER_PROPERTY * 5, seed: SEED },
    );
  }, 300_000);

  it(`${RUNS_PER_PROPERTY} registrations with forged and replayed sessions and hostile auth dicts`, async () => {
    const real = await h.post(REGISTER, { username: 'fuzzanchor', password: 'correct horse battery' });
    const session = real.body.session as string;
    const auth = fc.record({
      type: fc.constantFrom(...STAGES),
      session: fc.oneof(fc.constant(session), fc.constant(`${session}x`), fc.constant(session.toUpperCase()), nasty),
      threepid_creds: fc.option(fc.record({ sid: nasty, client_secret: nasty }), { nil: undefined }),
      token: fc.option(nasty, { nil: undefined }),
      response: fc.option(nasty, { nil: undefined }),
    });
    const call = fc.record({
      auth,
      username: fc.option(nasty, { nil: undefined }),
      password: fc.option(nasty, { nil: undefined }),
      prefix: fc.constantFrom(...PREFIXES),
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ prefix, ...payload }) => {
        const req: Req = {
          method: 'POST',
          path: `${prefix}/register`,
          query: {},
          contentType: 'application/json',
          body: JSON.stringify(payload),
          authorization: undefined,
        };
        await checkAnswer(req, await send(req));
      }),
      { numRuns: RUNS_PER_PROPERTY, seed: SEED + 1 },
    );
  }, 300_000);

  it(`${RUNS_PER_PROPERTY * 2} unicode and boundary usernames: refused with a Matrix error or accepted lowercased`, async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.constantFrom(...PREFIXES), async (username, prefix) => {
        const req: Req = {
          method: 'GET',
          path: `${prefix}/register/available`,
          query: { username },
          contentType: undefined,
          body: '',
          authorization: undefined,
        };
        const res = await send(req);
        const text = await res.clone().text();
        await checkAnswer(req, res);
        if (res.status === 200) {
          expect(JSON.parse(text)).toEqual({ available: true });
          expect(username.trim().toLowerCase()).toMatch(/^[a-z0-9._=\-/+]+$/);
        }
      }),
      { numRuns: RUNS_PER_PROPERTY * 2, seed: SEED + 2 },
    );
  }, 300_000);

  it('logged nothing unhandled', () => {
    expect(h.logs.filter((line) => line.includes('unhandled_error'))).toEqual([]);
  });
});
