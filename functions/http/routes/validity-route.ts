/** `GET /_matrix/client/v1/register/m.login.registration_token/validity?token=`: `{valid}`, rate limited per IP. */
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { invalidParam, missingParam, registrationDisabled } from '../../matrix/errors.js';
import type { Clock } from '../../ports/index.js';
import type { RegistrationTokens } from '../../policy/registration-tokens.js';
import { VALIDITY_PATH } from '../route-table.js';

export function validityRoutes(deps: {
  tokens: RegistrationTokens;
  clock: Clock;
  registrationEnabled: boolean;
  limit?: MiddlewareHandler;
}): Hono {
  const routes = new Hono();
  if (deps.limit) routes.use(VALIDITY_PATH, deps.limit);
  routes.get(VALIDITY_PATH, async (c) => {
    if (!deps.registrationEnabled) throw registrationDisabled();
    const token = c.req.query('token');
    if (token === undefined) throw missingParam('token');
    if (token.length > 64) throw invalidParam('token must be at most 64 characters');
    return c.json({ valid: await deps.tokens.isValid(token, deps.clock.now()) });
  });
  return routes;
}
