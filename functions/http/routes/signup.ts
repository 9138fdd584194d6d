/**
 * The hosted sign-up page (`pages.path`, default `/signup`): GET shows the current step, POST submits one
 * (its `step` field names it), `<path>/continue` is where the verification mail brings the person back,
 * `<path>/static/` serves the stylesheet and the script. It drives the same engine as `POST /register`.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { PagesConfig } from '../../config/pages-config.js';
import type { TenantConfig } from '../../config/tenant-config.js';
import { LoginType } from '../../matrix/login-types.js';
import { TOKEN_GRAMMAR } from '../../matrix/registration-token.js';
import { Medium } from '../../model/medium.js';
import type { Registration } from '../../uia/engine.js';
import { CATALOGUES, pickLanguage, say } from '../../web/i18n/pick-language.js';
import type { Page } from '../../web/layout.js';
import type { PageFrame } from '../../web/signup-layout.js';
import { confirmedElsewhereStep, MAX_DISPLAY_NAME, noticeStep, type StepError } from '../../web/signup-steps.js';
import { serveStaticFiles } from './page-static.js';
import { clientIp, clientNetwork } from '../middleware/client-ip.js';
import { newSignupState, type SignupCookies, type SignupState } from '../signup-state.js';
import { codeRefusal, problemOf, stepErrorFor, waitWords } from './signup-errors.js';
import { renderStep } from './signup-render.js';
import { currentStep, displayNameOf, type Outcome, SignupDriver } from './signup-steps.js';
import type { SignupRouteDeps } from './signup-deps.js';
import { pagesBaseUrl } from '../../config/pages-urls.js';
import { registrationOpen } from '../registration-open.js';

export type { SignupRouteDeps } from './signup-deps.js';

export function frameFor(
  c: Context,
  deps: { pages: PagesConfig; cookies?: SignupCookies; config?: TenantConfig },
  state?: SignupState,
): PageFrame {
  const t = pickLanguage({ cookie: state?.lang, acceptLanguage: c.req.header('accept-language'), offered: deps.pages.languages });
  return {
    t,
    brand: deps.pages.brand,
    path: deps.pages.path,
    csrf: state && deps.cookies ? deps.cookies.csrfOf(state) : '',
    nonce: randomBytes(16).toString('base64'),
    languages: deps.pages.languages ?? Object.keys(CATALOGUES),
    resetPath: deps.config?.recovery?.pagePath,
  };
}

const send = (c: Context, page: Page, status: 200 | 400 | 403 | 404 | 429 | 503 = 200, extra: Record<string, string> = {}) =>
  c.html(page.html, status, { ...page.headers, ...extra });

/** A page POST refused by the per-IP limit it shares with `POST /register`. */
export function signupLimited(pages: PagesConfig) {
  return (c: Context, retryAfterSeconds: number) => {
    const frame = frameFor(c, { pages });
    const body = frame.t.M_LIMIT_EXCEEDED.replace('{wait}', waitWords(frame.t, retryAfterSeconds));
    const page = noticeStep(frame, { step: 'limited', heading: frame.t.M_LIMIT_EXCEEDED.split('.')[0]!, body });
    return send(c, page, 429, { 'Retry-After': String(retryAfterSeconds) });
  };
}

/** A page request from a network in the tenant's denied ranges: told so in the person's language (403). */
export function signupDenied(pages: PagesConfig) {
  return (c: Context) => {
    const frame = frameFor(c, { pages });
    const page = noticeStep(frame, { step: 'denied_network', heading: frame.t.deniedNetworkHeading, body: frame.t.deniedNetworkBody });
    return send(c, page, 403);
  };
}

export function signupRoutes(deps: SignupRouteDeps): Hono {
  const { config, pages, cookies } = deps;
  const driver = new SignupDriver(config, deps.registration);
  const routes = new Hono();
  const path = pages.path;
  const redirectHome = (c: Context) => c.redirect(path, 303);

  serveStaticFiles(routes, path);

  routes.get(path, async (c) => {
    let state = cookies.read(c);
    const query = c.req.query();
    const lang = query.lang && CATALOGUES[query.lang] ? query.lang : undefined;
    if (!state || query.restart) state = newSignupState(lang ?? state?.lang);
    const changed = applyQuery(config, state, query, lang);
    // A waiting sign-up shows its decision once it is made: the done page, or that it no longer waits.
    if (!changed) await driver.recheck(state, clientIp(c), clientNetwork(c));
    cookies.write(c, state);
    if (changed) return redirectHome(c);
    if (!(await registrationOpen(config.registration.enabled, deps.switches))) return send(c, closedPage(frameFor(c, deps, state)), 403);
    return send(c, await renderStep(c, deps, state, frameFor(c, deps, state)));
  });

  routes.post(path, async (c) => {
    const state = cookies.read(c);
    const form = await c.req.parseBody();
    if (!state || !cookies.csrfMatches(state, form.csrf)) {
      const fresh = state ?? newSignupState();
      cookies.write(c, fresh);
      const frame = frameFor(c, deps, fresh);
      return send(c, noticeStep(frame, { step: 'csrf', heading: frame.t.csrfHeading, body: frame.t.csrfBody }), 403);
    }
    const frame = frameFor(c, deps, state);
    if (!(await registrationOpen(config.registration.enabled, deps.switches))) return send(c, closedPage(frame), 403);
    const step = currentStep(config, state);
    // A form from an earlier step (the back button): show where the sign-up stands now.
    if (form.step !== step && !(step === 'email_sent' && form.step === 'email_resend')) {
      cookies.write(c, state);
      return redirectHome(c);
    }
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const done = await submitStep(c, deps, driver, state, step, text);
    cookies.write(c, state);
    if (done.ok) return done.page ? send(c, done.page) : redirectHome(c);
    const error = 'problem' in done ? stepErrorFor(frame.t, step, done.problem) : done.error;
    if ('problem' in done && (done.problem.errcode === 'M_USER_IN_USE' || done.problem.errcode === 'M_EXCLUSIVE')) {
      error.suggestions = await freeNames(deps.registration, text('username'));
    }
    const page = await renderStep(c, deps, state, frame, error, text);
    const status = 'problem' in done && done.problem.status === 429 ? 429 : 400;
    return send(
      c,
      page,
      status,
      'problem' in done && done.problem.retryAfterSeconds ? { 'Retry-After': String(done.problem.retryAfterSeconds) } : {},
    );
  });

  routes.get(`${path}/continue`, async (c) => {
    const state = cookies.read(c);
    const sid = c.req.query('sid');
    const frame = frameFor(c, deps, state);
    if (!state || !sid || state.sid !== sid || !state.session) {
      // Following the mailed link already confirmed the address (submit_token); without this sign-up's cookie
      // the page only says so, and the sign-up goes on in the browser that holds it.
      if (await deps.submissions?.emailValidated(sid)) return send(c, confirmedElsewhereStep(frame));
      return send(c, noticeStep(frame, { step: 'link', heading: frame.t.emailSent, body: frame.t.linkInvalid }), 400);
    }
    const creds = { sid, client_secret: state.clientSecret };
    const outcome = await driver.stage(state, { type: LoginType.EmailIdentity, threepid_creds: creds }, clientIp(c), clientNetwork(c));
    cookies.write(c, state);
    if (outcome.ok) return redirectHome(c);
    return send(c, await renderStep(c, deps, state, frame, stepErrorFor(frame.t, 'email_sent', outcome.problem)), 400);
  });

  return routes;
}

/** `?token=` (an invite link), `?lang=`, `?change=`: kept in the cookie, then the URL is cleaned by a redirect. */
function applyQuery(config: TenantConfig, state: SignupState, query: Record<string, string>, lang?: string): boolean {
  let changed = false;
  if (lang) {
    state.lang = lang;
    changed = true;
  }
  if (query.token !== undefined && TOKEN_GRAMMAR.test(query.token)) {
    state.token = query.token;
    const invited = config.registration.flows.findIndex((f) => f.includes(LoginType.RegistrationToken));
    if (state.flow === undefined && !state.session && invited >= 0) state.flow = invited;
    changed = true;
  }
  if (query.change === 'email' || query.change === 'phone') {
    state.sid = undefined;
    state.address = undefined;
    changed = true;
  }
  return changed || query.restart !== undefined;
}

function closedPage(frame: PageFrame): Page {
  return noticeStep(frame, { step: 'closed', heading: frame.t.disabledHeading, body: frame.t.disabledBody });
}

type StepResult = (Outcome & { page?: Page }) | { ok: false; error: StepError };

/** Runs the step the form submits. */
async function submitStep(
  c: Context,
  deps: SignupRouteDeps,
  driver: SignupDriver,
  state: SignupState,
  step: string,
  text: (name: string) => string,
): Promise<StepResult> {
  const { t } = frameFor(c, deps, state);
  const ip = clientIp(c);
  const network = clientNetwork(c);
  const flows = deps.config.registration.flows;
  switch (step) {
    case 'flow': {
      const index = Number(text('flow'));
      if (!Number.isInteger(index) || !flows[index]) return { ok: false, error: { message: t.M_MISSING_PARAM } };
      state.flow = index;
      return { ok: true };
    }
    case 'account': {
      if (text('password') !== text('password_confirm'))
        return { ok: false, error: { field: 'password_confirm', message: t.passwordMismatch } };
      const displayName = displayNameOf(text('display_name'));
      if (displayName === false)
        return { ok: false, error: { field: 'display_name', message: say(t, 'displayNameTooLong', { max: MAX_DISPLAY_NAME }) } };
      return driver.start(state, { username: text('username').trim(), password: text('password'), displayName }, ip, network);
    }
    case LoginType.Terms: {
      const policies = Object.keys(deps.config.terms?.policies ?? {});
      if (!policies.every((id) => text(`policy_${id}`) === 'yes'))
        return { ok: false, error: { field: 'policies', message: t.termsMissing } };
      // The language the policies were shown in goes into the terms acceptance record.
      return driver.stage(state, { type: LoginType.Terms, lang: t.lang }, ip, network);
    }
    case LoginType.RegistrationToken:
      return driver.stage(state, { type: LoginType.RegistrationToken, token: text('token').trim() }, ip, network);
    case LoginType.Recaptcha: {
      const response = text('g-recaptcha-response') || text('h-captcha-response') || text('cf-turnstile-response');
      return driver.stage(state, { type: LoginType.Recaptcha, response }, ip, network);
    }
    case LoginType.EmailIdentity:
    case 'email_sent':
      return requestEmail(deps, state, step === 'email_sent' ? (state.address ?? '') : text('email').trim(), { network, lang: t.lang });
    case LoginType.Msisdn:
      return requestSms(deps, state, text('country'), text('phone').trim(), { network, lang: t.lang });
    case 'msisdn_code':
      return submitCode(deps, driver, state, text('code').trim(), { ip, network, t });
    default:
      return { ok: false, error: { message: t.M_UNRECOGNIZED } };
  }
}

/** `lang`: the language the page is shown in, which the mail is then written in. */
type Sending = { network: string; lang: string };

async function requestEmail(deps: SignupRouteDeps, state: SignupState, email: string, { network, lang }: Sending): Promise<StepResult> {
  if (!deps.requests) return { ok: false, problem: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED', error: '' } };
  const attempt = state.sendAttempt + 1;
  const nextLink = `${pagesBaseUrl(deps.config)}${deps.pages.path}/continue`;
  const request = { clientSecret: state.clientSecret, sendAttempt: attempt, nextLink, gateSession: state.session, lang, email };
  return requesting(state, () => deps.requests!.email(request, network), email);
}

async function requestSms(
  deps: SignupRouteDeps,
  state: SignupState,
  country: string,
  phone: string,
  { network, lang }: Sending,
): Promise<StepResult> {
  if (!deps.requests) return { ok: false, problem: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED', error: '' } };
  state.country = country;
  const request = { clientSecret: state.clientSecret, sendAttempt: state.sendAttempt + 1, gateSession: state.session, lang };
  return requesting(state, () => deps.requests!.msisdn({ ...request, country, phoneNumber: phone }, network), phone);
}

/** requestToken through the same TokenRequests as the JSON API; the sid and the address go in the cookie. */
async function requesting(state: SignupState, send: () => Promise<{ sid: string }>, address: string): Promise<StepResult> {
  try {
    const { sid } = await send();
    state.sendAttempt += 1;
    state.sid = sid;
    state.address = address;
    return { ok: true };
  } catch (thrown) {
    const problem = problemOf(thrown);
    if (!problem) throw thrown;
    return { ok: false, problem };
  }
}

async function submitCode(
  deps: SignupRouteDeps,
  driver: SignupDriver,
  state: SignupState,
  code: string,
  request: { ip: string; network: string; t: PageFrame['t'] },
): Promise<StepResult> {
  const { t } = request;
  if (!deps.submissions || !state.sid) return { ok: false, error: { field: 'code', message: t.M_THREEPID_AUTH_FAILED } };
  const result = await deps.submissions.submit(Medium.Msisdn, state.sid, state.clientSecret, code || '-');
  if (result.kind !== 'validated') return { ok: false, error: codeRefusal(t, result.kind, t.M_THREEPID_AUTH_FAILED) };
  const creds = { sid: state.sid, client_secret: state.clientSecret };
  return driver.stage(state, { type: LoginType.Msisdn, threepid_creds: creds }, request.ip, request.network);
}

/** Two or three names like the taken one that are free now, checked through the engine. */
async function freeNames(registration: Registration, taken: string): Promise<string[]> {
  const base = taken.trim().toLowerCase().replace(/^@/, '').split(':')[0]!.slice(0, 40);
  if (!base) return [];
  const year = new Date().getUTCFullYear();
  const candidates = [
    `${base}${(randomBytes(1)[0]! % 90) + 10}`,
    `${base}_${year}`,
    `${base}.${randomBytes(2).toString('hex')}`,
    `the.${base}`,
  ];
  const checked = await Promise.all(
    candidates.map((name) =>
      registration.assertAvailable(name).then(
        () => name,
        () => undefined,
      ),
    ),
  );
  return checked.filter((n): n is string => n !== undefined).slice(0, 3);
}
