/**
 * The hosted "Forgot password" page (`recovery.pagePath`, default `/forgot-password`): GET shows the current
 * step, POST submits one (its `step` field names it), `<path>/continue` is where the reset mail's link brings the
 * person back. It drives the same requestToken, submit_token and password reset as the JSON API.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { Medium } from '../../model/medium.js';
import { CATALOGUES, pickLanguage } from '../../web/i18n/pick-language.js';
import type { Page } from '../../web/layout.js';
import type { PageFrame } from '../../web/signup-layout.js';
import { confirmedElsewhereStep, noticeStep } from '../../web/signup-steps.js';
import { serveStaticFiles } from './page-static.js';
import { type ForgotPasswordDeps, offers } from './forgot-password-deps.js';
import { newResetState, type ResetPageState } from '../forgot-password-state.js';
import { renderResetStep, resetStepOf } from './forgot-password-render.js';
import { submitResetStep } from './forgot-password-steps.js';
import { stepErrorFor } from './signup-errors.js';

export function resetFrame(c: Context, deps: ForgotPasswordDeps, state?: ResetPageState): PageFrame {
  const t = pickLanguage({ cookie: state?.lang, acceptLanguage: c.req.header('accept-language'), offered: deps.pages.languages });
  return {
    t,
    brand: deps.pages.brand,
    path: deps.path,
    csrf: state ? deps.cookies.csrfOf(state) : '',
    nonce: randomBytes(16).toString('base64'),
    languages: deps.pages.languages ?? Object.keys(CATALOGUES),
  };
}

const send = (c: Context, page: Page, status: 200 | 400 | 403 | 429 = 200, extra: Record<string, string> = {}) =>
  c.html(page.html, status, { ...page.headers, ...extra });

export function forgotPasswordRoutes(deps: ForgotPasswordDeps): Hono {
  const { cookies, path } = deps;
  const routes = new Hono();
  const home = (c: Context) => c.redirect(path, 303);

  serveStaticFiles(routes, path);

  routes.get(path, async (c) => {
    let state = cookies.read(c);
    const query = c.req.query();
    const lang = query.lang && CATALOGUES[query.lang] ? query.lang : undefined;
    if (!state || query.restart !== undefined) state = newResetState(lang ?? state?.lang);
    const changed = applyQuery(deps, state, query, lang);
    cookies.write(c, state);
    if (changed) return home(c);
    return send(c, renderResetStep(deps, state, resetFrame(c, deps, state)));
  });

  routes.post(path, async (c) => {
    const state = cookies.read(c);
    const form = await c.req.parseBody();
    if (!state || !cookies.csrfMatches(state, form.csrf)) {
      const fresh = state ?? newResetState();
      cookies.write(c, fresh);
      const frame = resetFrame(c, deps, fresh);
      return send(c, noticeStep(frame, { step: 'csrf', heading: frame.t.csrfHeading, body: frame.t.csrfBody }), 403);
    }
    const frame = resetFrame(c, deps, state);
    const step = resetStepOf(deps, state);
    // A form from an earlier step (the back button): show where the reset stands now.
    if (form.step !== step && !(step === 'reset_email_sent' && form.step === 'reset_email_resend')) {
      cookies.write(c, state);
      return home(c);
    }
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const done = await submitResetStep(c, deps, state, step, text, frame.t);
    cookies.write(c, state);
    if (done.ok) return home(c);
    const error = 'problem' in done ? stepErrorFor(frame.t, fieldStep(step), done.problem) : done.error;
    const status = 'problem' in done && done.problem.status === 429 ? 429 : 400;
    const retry: Record<string, string> =
      'problem' in done && done.problem.retryAfterSeconds ? { 'Retry-After': String(done.problem.retryAfterSeconds) } : {};
    return send(c, renderResetStep(deps, state, frame, error, text), status, retry);
  });

  routes.get(`${path}/continue`, async (c) => {
    const state = cookies.read(c);
    const sid = c.req.query('sid');
    const frame = resetFrame(c, deps, state);
    const confirmed = await deps.submissions.emailValidated(sid);
    if (state && sid && state.sid === sid && state.medium === Medium.Email && confirmed) {
      state.validated = true;
      cookies.write(c, state);
      return home(c);
    }
    // The link already confirmed the address (submit_token); without this reset's cookie the page only says so.
    if (confirmed)
      return send(c, confirmedElsewhereStep({ ...frame, t: { ...frame.t, confirmedElsewhereBody: frame.t.resetConfirmedElsewhere } }));
    return send(c, noticeStep(frame, { step: 'link', heading: frame.t.emailSent, body: frame.t.resetLinkInvalid }), 400);
  });

  return routes;
}

/** The sign-up step whose field a problem of this reset step belongs to (signup-errors.ts knows those). */
const fieldStep = (step: string) =>
  step === 'reset_email' || step === 'reset_email_sent'
    ? 'm.login.email.identity'
    : step === 'reset_phone'
      ? 'm.login.msisdn'
      : step === 'reset_code'
        ? 'msisdn_code'
        : step === 'reset_password'
          ? 'account'
          : step;

/** `?use=email|phone` (switch medium, start the address again), `?lang=`: kept in the cookie, then the URL cleaned. */
function applyQuery(deps: ForgotPasswordDeps, state: ResetPageState, query: Record<string, string>, lang?: string): boolean {
  let changed = query.restart !== undefined;
  if (lang) {
    state.lang = lang;
    changed = true;
  }
  const use = query.use === 'phone' ? Medium.Msisdn : query.use === 'email' ? Medium.Email : undefined;
  if (use && !state.validated && !state.done && offers(deps, use)) {
    state.medium = use;
    state.sid = undefined;
    state.address = undefined;
    changed = true;
  }
  return changed;
}
