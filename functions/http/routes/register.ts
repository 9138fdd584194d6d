/** `POST /register` and `GET /register/available` under one client API prefix. */
import { Hono } from 'hono/tiny';
import type { TenantConfig } from '../../config/tenant-config.js';
import { guestAccessForbidden, invalidParam, missingParam, registrationDisabled } from '../../matrix/errors.js';
import { parseRegisterBody } from '../../matrix/register-body.js';
import type { Registration } from '../../uia/engine.js';
import { clientIp, clientNetwork } from '../middleware/client-ip.js';
import { readJsonObject } from '../read-json.js';
import { pickLanguageTag } from '../../model/language-tags.js';
import type { SignupRouteDeps } from './signup-deps.js';
import type { SwitchReader } from '../../ports/switches.js';
import { registrationOpen } from '../registration-open.js';

export interface RegisterRouteDeps {
  config: TenantConfig;
  registration: Registration;
  /** The hosted sign-up page, when the tenant configures `pages`: it drives the same engine. */
  signup?: SignupRouteDeps;
  /** The operator's live switches: `close-registration` answers as `registration.enabled: false`. */
  switches?: SwitchReader;
}

export function registerRoutes(deps: RegisterRouteDeps): Hono {
  const routes = new Hono();

  routes.post('/register', async (c) => {
    if (!(await registrationOpen(deps.config.registration.enabled, deps.switches))) throw registrationDisabled();
    const kind = c.req.query('kind') ?? 'user';
    if (kind === 'guest') throw guestAccessForbidden();
    if (kind !== 'user') throw invalidParam(`Invalid kind: must be "user" or "guest"`);
    const body = parseRegisterBody(await readJsonObject(c));
    // The language a decision on a waiting sign-up is told in: the client's Accept-Language, when it sends one.
    const accept = c.req.header('accept-language');
    const lang = accept ? pickLanguageTag({ acceptLanguage: accept }) : undefined;
    const answer = await deps.registration.register(body, clientIp(c), clientNetwork(c), lang);
    return c.json(answer.body, answer.status);
  });

  routes.get('/register/available', async (c) => {
    if (!(await registrationOpen(deps.config.registration.enabled, deps.switches))) throw registrationDisabled();
    const username = c.req.query('username');
    if (username === undefined) throw missingParam('username');
    if (username.length > 512) throw invalidParam('username is too long');
    await deps.registration.assertAvailable(username);
    return c.json({ available: true });
  });

  return routes;
}
