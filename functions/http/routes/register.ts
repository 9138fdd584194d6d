/** `POST /register` and `GET /register/available` under one client API prefix. */
import { Hono } from 'hono';
import type { TenantConfig } from '../../config/tenant-config.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { forbidden, invalidParam, MatrixError, missingParam } from '../../matrix/matrix-error.js';
import { parseRegisterBody } from '../../matrix/register-body.js';
import type { Clock, SessionStore } from '../../ports/index.js';
import type { IdentityPolicy } from '../../uia/identity.js';
import { userInUse } from '../../uia/identity.js';
import type { Registration } from '../../uia/engine.js';
import { clientIp, clientNetwork } from '../middleware/client-ip.js';
import { readJsonObject } from '../read-json.js';

export interface RegisterRouteDeps {
  config: TenantConfig;
  registration: Registration;
  identity: IdentityPolicy;
  store: SessionStore;
  clock: Clock;
}

const registrationDisabled = () => forbidden('Registration has been disabled');

export function registerRoutes(deps: RegisterRouteDeps): Hono {
  const routes = new Hono();

  routes.post('/register', async (c) => {
    if (!deps.config.registration.enabled) throw registrationDisabled();
    const kind = c.req.query('kind') ?? 'user';
    if (kind === 'guest') throw new MatrixError(403, ErrCode.GuestAccessForbidden, 'Guest access is disabled');
    if (kind !== 'user') throw invalidParam(`Invalid kind: must be "user" or "guest"`);
    const body = parseRegisterBody(await readJsonObject(c));
    const answer = await deps.registration.register(body, clientIp(c), clientNetwork(c));
    return c.json(answer.body, answer.status);
  });

  routes.get('/register/available', async (c) => {
    if (!deps.config.registration.enabled) throw registrationDisabled();
    const username = c.req.query('username');
    if (username === undefined) throw missingParam('username');
    if (username.length > 512) throw invalidParam('username is too long');
    const localpart = deps.identity.localpart(username);
    // Reserved by a live session here counts as taken, as it will be once that session finishes.
    if (await deps.store.usernameHolder(localpart, deps.clock.now())) throw userInUse();
    await deps.identity.assertFreeOnHomeserver(localpart);
    return c.json({ available: true });
  });

  return routes;
}
