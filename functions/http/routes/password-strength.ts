/**
 * `POST <pages.path>/password-strength` (and the "Forgot password" page's): what the page's meter shows while a person types a
 * password. The estimate runs here, not in the browser, because zxcvbn's word lists are many times the
 * page's weight budget; the answer also says whether the tenant's own rules would take the password, so the
 * meter and the form never disagree. Nothing is stored or logged; the route is limited per IP like the
 * username check.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { badJson, missingParam } from '../../matrix/errors.js';
import type { PasswordStrength } from '../../policy/password-strength.js';
import type { PasswordProblem } from '../../uia/identity.js';
import type { PagesConfig } from '../../config/pages-config.js';
import type { Messages } from '../../web/i18n/en.js';
import { pickLanguage } from '../../web/i18n/pick-language.js';
import { readJsonObject } from '../read-json.js';

/** No one types more than this into a password field; a longer body is refused before any work. */
const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordStrengthDeps {
  pages: PagesConfig;
  estimate: (password: string, language: string, userInputs: string[]) => Promise<PasswordStrength>;
  /** Why the tenant would refuse the password, in the engine's own words; undefined when it would not. */
  refusal: PasswordProblem;
  /** Words an attacker tries first for any account here: the server's and the brand's names. */
  siteWords: string[];
  limit?: MiddlewareHandler;
}

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);

const warningText = (t: Messages, warning: PasswordStrength['warning']) =>
  warning ? t[`strengthWarning${warning[0]!.toUpperCase()}${warning.slice(1)}` as keyof Messages] : undefined;

/** `pagePaths`: every page with the meter (the sign-up page; the "Forgot password" page when there is one). */
export function passwordStrengthRoutes(deps: PasswordStrengthDeps, pagePaths: string[] = [deps.pages.path]): Hono {
  const routes = new Hono();
  for (const page of pagePaths) {
    const path = `${page}/password-strength`;
    if (deps.limit) routes.use(path, deps.limit);
    routes.post(path, (c) => estimated(deps, c));
  }
  return routes;
}

async function estimated(deps: PasswordStrengthDeps, c: Context): Promise<Response> {
  const body = await readJsonObject(c);
  const password = text(body, 'password');
  if (password === undefined) throw missingParam('password');
  if (password.length > MAX_PASSWORD_LENGTH) throw badJson('password is too long to estimate');
  const username = text(body, 'username')?.slice(0, 255).toLowerCase();
  const t = pickLanguage({ query: c.req.query('lang'), acceptLanguage: c.req.header('accept-language'), offered: deps.pages.languages });
  const { score, warning } = await deps.estimate(password, t.lang, [...deps.siteWords, ...(username ? [username] : [])]);
  const refused = deps.refusal(password, username);
  return c.json(
    {
      score,
      level: t[(['strengthVeryWeak', 'strengthWeak', 'strengthFair', 'strengthGood', 'strengthStrong'] as const)[score]],
      acceptable: !refused,
      ...(refused ? { refusal: t.M_WEAK_PASSWORD } : {}),
      ...(warning ? { warning: warningText(t, warning) } : {}),
    },
    200,
    { 'Cache-Control': 'no-store' },
  );
}
