/**
 * `GET|POST /auth/{type}/fallback/web?session=` for the captcha, terms and registration-token stages:
 * a page that does the stage in a browser for clients that cannot, then tells the client it is done.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { TenantConfig } from '../../config/tenant-config.js';
import { captchaPage, donePage, termsPage, tokenPage } from '../../web/fallback-pages.js';
import { LoginType } from '../../matrix/login-types.js';
import { invalidParam, missingParam, unrecognized } from '../../matrix/errors.js';
import type { Registration } from '../../uia/engine.js';
import { clientIp } from '../middleware/client-ip.js';
import { SESSION_ID } from '../../matrix/identifiers.js';

const CAPTCHA_FIELDS = ['g-recaptcha-response', 'h-captcha-response', 'cf-turnstile-response', 'response'];

export function authFallbackRoutes(deps: { config: TenantConfig; registration: Registration }): Hono {
  const { config } = deps;
  const offered = new Set(config.registration.flows.flat());
  const routes = new Hono();

  const render = (c: Context, type: string, session: string, error?: string) => {
    const page =
      type === LoginType.Recaptcha && config.captcha
        ? captchaPage(config.captcha, session, error)
        : type === LoginType.Terms && config.terms
          ? termsPage(config.terms, session, error)
          : tokenPage(session, error);
    return c.html(page.html, 200, page.headers);
  };

  const stageType = (c: Context): string => {
    const type = c.req.param('type') ?? '';
    const known = type === LoginType.Recaptcha || type === LoginType.Terms || type === LoginType.RegistrationToken;
    if (!known || !offered.has(type as LoginType)) throw unrecognized('No fallback page for this login type');
    return type;
  };

  const sessionOf = (value: unknown): string => {
    if (value === undefined || value === '') throw missingParam('session');
    if (typeof value !== 'string' || !SESSION_ID.test(value)) throw invalidParam('session is not a session id');
    return value;
  };

  routes.get('/auth/:type/fallback/web', (c) => render(c, stageType(c), sessionOf(c.req.query('session'))));

  routes.post('/auth/:type/fallback/web', async (c) => {
    const type = stageType(c);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const session = sessionOf(form.session ?? c.req.query('session'));
    const auth: Record<string, unknown> = { type, session };
    if (type === LoginType.Recaptcha) auth.response = CAPTCHA_FIELDS.map((f) => form[f]).find((v) => typeof v === 'string' && v !== '');
    if (type === LoginType.RegistrationToken) auth.token = typeof form.token === 'string' ? form.token.trim() : undefined;
    if (type === LoginType.Terms && form.accept !== 'yes') return render(c, type, session, 'Please accept the policies to continue.');
    const result = await deps.registration.passStage(session, auth, clientIp(c));
    if (!result.passed) return render(c, type, session, result.error);
    const done = donePage(randomBytes(16).toString('base64'));
    return c.html(done.html, 200, done.headers);
  });

  return routes;
}
