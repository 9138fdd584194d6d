/**
 * The guard in front of every console page but sign-in: a live session (inside the idle and absolute
 * timeouts, and for a homeserver admin, still one by the homeserver's word), else the sign-in page; every
 * form's CSRF field checked; the idle clock restarted at each request.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HomeserverError } from '../../ports/homeserver.js';
import { consolePage } from '../../web/console/console-layout.js';
import { CONSOLE_CATALOGUES } from '../../web/console/console-i18n.js';
import { html } from '../../web/layout.js';
import { CONSOLE_PATH, type ConsoleDeps } from './console-deps.js';
import { backTo, consoleFrame, sendPage } from './console-frame.js';
import { type ConsoleOperator, type ConsoleState, newConsoleState } from './console-state.js';
import { endSession } from './console-verdicts.js';

/**
 * In front of every console page but sign-in: a live session, else the sign-in page (a timed-out admin's
 * device is logged out on the way); every form's CSRF field checked; the idle clock restarted.
 */
export function consoleGuard(deps: ConsoleDeps): MiddlewareHandler {
  const { cookies, clock } = deps;
  return async function requireConsoleSession(c, next) {
    const state = cookies.read(c);
    const now = clock.now();
    const operator = cookies.live(state, now);
    const still = operator && (await stillAdmin(deps, operator));
    if (still === 'unknown') return sendPage(c, unavailablePage(c, deps, state!), 503);
    if (!state || !operator || still === false) {
      if (state?.operator) await endSession(deps, state.operator);
      cookies.write(c, newConsoleState(state?.lang));
      return c.redirect(`${CONSOLE_PATH}/sign-in${state?.operator ? '?notice=ended' : ''}`, 303);
    }
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!cookies.csrfMatches(state, form.csrf))
        return backTo(c, new URL(c.req.url).pathname.slice(CONSOLE_PATH.length), { notice: 'csrf' });
    }
    const lang = c.req.query('lang');
    if (lang && CONSOLE_CATALOGUES[lang]) state.lang = lang;
    cookies.write(c, { ...state, operator: { ...operator, seen: now } });
    c.set('operator', operator.name);
    c.set('consoleState', state);
    await next();
  };
}

/**
 * A homeserver admin's session lasts only while the homeserver still says so: asked at every request with
 * the session's own token, so a device logged out elsewhere, or an admin flag taken away, ends it at once.
 */
async function stillAdmin(deps: ConsoleDeps, operator: ConsoleOperator): Promise<boolean | 'unknown'> {
  if (operator.kind !== 'admin' || !operator.accessToken || !deps.signIn) return true;
  try {
    return await deps.signIn.isAdmin({ userId: operator.name, accessToken: operator.accessToken });
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    deps.log.warn('console_admin_check_failed', { kind: error.kind });
    return 'unknown';
  }
}

/** The homeserver could not say whether this admin still is one: nothing is shown until it can. */
function unavailablePage(c: Context, deps: ConsoleDeps, state: ConsoleState) {
  const frame = consoleFrame(c, deps, state);
  const body = html`<p>${frame.t.homeserverDown}</p>`;
  return consolePage({ frame, section: 'overview', heading: frame.t.unavailableHeading, body });
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The console session of this request (set by consoleGuard). */
    consoleState: ConsoleState;
  }
}
