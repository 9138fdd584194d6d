/**
 * Signing in to and out of the console: the sign-in page, its form (CSRF-checked, limited per network),
 * and sign-out. Sign-in and sign-out are written to the audit log with who it was.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { rateLimitPerIp } from '../middleware/rate-limit.js';
import type { ConsoleKey } from '../../web/console/console-en.js';
import { CONSOLE_CATALOGUES } from '../../web/console/console-i18n.js';
import { signInPage, type SignInView } from '../../web/console/console-sign-in-page.js';
import { CONSOLE_PATH, type ConsoleDeps } from './console-deps.js';
import { backTo, consoleFrame, sendPage } from './console-frame.js';
import { type ConsoleState, newConsoleState } from './console-state.js';
import { byKey, byPassword, endSession } from './console-verdicts.js';

const SIGN_IN_NOTICES: Record<string, ConsoleKey> = { ended: 'sessionEnded', out: 'signedOut' };

export function consoleAuthRoutes(deps: ConsoleDeps): Hono {
  const { cookies, clock } = deps;
  const routes = new Hono();
  const show = (c: Context, state: ConsoleState, view: Partial<SignInView>, status: 200 | 403 | 429 | 503 = 200) => {
    cookies.write(c, state);
    const base = { server: deps.config.serverName, admins: Boolean(deps.signIn), keys: deps.operatorKeys.length > 0 };
    return sendPage(c, signInPage(consoleFrame(c, deps, state), { ...base, ...view }), status);
  };

  routes.get('/sign-in', (c) => {
    const lang = c.req.query('lang');
    const state = cookies.read(c) ?? newConsoleState();
    if (lang && CONSOLE_CATALOGUES[lang]) state.lang = lang;
    if (cookies.live(state, clock.now())) return backTo(c, '');
    const notice = SIGN_IN_NOTICES[c.req.query('notice') ?? ''];
    return show(c, { pre: state.pre, lang: state.lang }, notice ? { notice: { key: notice } } : {});
  });

  const limit = deps.signInLimit;
  if (limit) {
    const refuse = (c: Context) => show(c, cookies.read(c) ?? newConsoleState(), { notice: { key: 'tooManyTries', error: true } }, 429);
    routes.post('/sign-in', rateLimitPerIp({ ...limit, clock }, 'console_sign_in', limit, { methods: ['POST'], refuse }));
  }

  routes.post('/sign-in', (c) => signInPost(c, deps, show));

  routes.post('/sign-out', async (c) => {
    const state = cookies.read(c);
    const form = await c.req.parseBody();
    if (!state?.operator || !cookies.csrfMatches(state, form.csrf)) return backTo(c, '/sign-in');
    await endSession(deps, state.operator);
    await deps.audit.record({ operator: state.operator.name, action: 'console.signed_out' }, clock.now());
    cookies.write(c, newConsoleState(state.lang));
    return c.redirect(`${CONSOLE_PATH}/sign-in?notice=out`, 303);
  });
  return routes;
}

type ShowSignIn = (
  c: Context,
  state: ConsoleState,
  view: Partial<SignInView>,
  status?: 200 | 403 | 429 | 503,
) => Response | Promise<Response>;

/** A sign-in form: its CSRF field, then the key or the homeserver's word; a new session (and a new CSRF id) on success. */
async function signInPost(c: Context, deps: ConsoleDeps, show: ShowSignIn): Promise<Response> {
  const { cookies, clock } = deps;
  const state = cookies.read(c);
  const form = await c.req.parseBody();
  if (!state || !cookies.csrfMatches(state, form.csrf))
    return show(c, state ?? newConsoleState(), { notice: { key: 'csrfFailed', error: true } }, 403);
  const method = form.method === 'key' ? 'key' : 'admin';
  const user = typeof form.user === 'string' ? form.user.trim().slice(0, 255) : '';
  const verdict = method === 'key' ? byKey(deps, form.key) : await byPassword(deps, user, form.password);
  if ('refused' in verdict) return show(c, state, { user, errorIn: method, notice: { key: verdict.refused, error: true } }, verdict.status);
  await deps.audit.record(
    { operator: verdict.operator.name, action: 'console.signed_in', changes: { method: verdict.operator.kind } },
    clock.now(),
  );
  // A session this browser held before is replaced: its homeserver device goes with it.
  if (state.operator) await endSession(deps, state.operator);
  // A new id at each sign-in: a CSRF value seen before it is worth nothing after it.
  cookies.write(c, { pre: randomBytes(16).toString('base64url'), lang: state.lang, operator: verdict.operator });
  return backTo(c, '');
}
