/**
 * Password reset under a client API prefix: `POST /account/password` and its two requestToken endpoints.
 * With an access token, `/account/password` is a logged-in user's change of password: the homeserver's
 * business, passed through untouched, so one proxy rule can send the whole path to the front door.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { parseWith } from '../../matrix/parse-body.js';
import { parsePasswordBody } from '../../matrix/password-body.js';
import { emailRequestTokenSchema, msisdnRequestTokenSchema } from '../../matrix/threepid-bodies.js';
import type { HomeserverClientProxy } from '../../ports/index.js';
import type { TokenRequest, TokenRequests } from '../../threepid/request-token.js';
import { resetScope } from '../../threepid/reset-scope.js';
import type { PasswordReset } from '../../uia/password-reset.js';
import { pickLanguageTag } from '../../model/language-tags.js';
import { clientNetwork } from '../middleware/client-ip.js';
import { readJsonObject } from '../read-json.js';
import { forwardToHomeserver } from './pass-through.js';

/**
 * The reset's requestToken (the part that sends). Without `requests` (the tenant has no `recovery`) the
 * homeserver answers it, as it would without the front door.
 */
export interface ResetRequestRouteDeps {
  requests?: TokenRequests;
  proxy: HomeserverClientProxy;
  enumerationSafe: boolean;
  /** As for sign-up: the mail or SMS is written in the language Accept-Language picks among these. */
  messageLanguages?: readonly string[];
}

/** `POST /account/password` (the part that holds the admin token); without `reset`, the homeserver answers it all. */
export interface PasswordRouteDeps {
  reset?: PasswordReset;
  proxy: HomeserverClientProxy;
}

/** A request that carries an access token (header or the query parameter older clients use). */
export function hasAccessToken(c: Context): boolean {
  return c.req.header('authorization') !== undefined || c.req.query('access_token') !== undefined;
}

/** Mounted under `/_matrix/client/r0` and `/_matrix/client/v3`. */
export function passwordRoutes(deps: PasswordRouteDeps): Hono {
  const routes = new Hono();
  routes.post('/account/password', async (c) => {
    if (hasAccessToken(c) || !deps.reset) return forwardToHomeserver(deps.proxy, c);
    const answer = await deps.reset.reset(parsePasswordBody(await readJsonObject(c)));
    return c.json(answer.body, answer.status);
  });
  return routes;
}

/** Mounted under `/_matrix/client/r0` and `/_matrix/client/v3`. */
export function resetRequestTokenRoutes(deps: ResetRequestRouteDeps): Hono {
  const routes = new Hono();
  const scope = resetScope(deps.enumerationSafe);
  const common = (c: Context, body: { client_secret: string; send_attempt: number; next_link?: string }): TokenRequest => ({
    clientSecret: body.client_secret,
    sendAttempt: body.send_attempt,
    nextLink: body.next_link,
    scope,
    lang: deps.messageLanguages && pickLanguageTag({ acceptLanguage: c.req.header('accept-language'), offered: deps.messageLanguages }),
  });
  const requests = deps.requests;
  if (!requests) {
    routes.post('/account/password/email/requestToken', (c) => forwardToHomeserver(deps.proxy, c));
    routes.post('/account/password/msisdn/requestToken', (c) => forwardToHomeserver(deps.proxy, c));
    return routes;
  }
  routes.post('/account/password/email/requestToken', async (c) => {
    const body = parseWith(emailRequestTokenSchema, await readJsonObject(c));
    return c.json(await requests.email({ ...common(c, body), email: body.email }, clientNetwork(c)));
  });
  routes.post('/account/password/msisdn/requestToken', async (c) => {
    const body = parseWith(msisdnRequestTokenSchema, await readJsonObject(c));
    const request = { ...common(c, body), country: body.country, phoneNumber: body.phone_number };
    return c.json(await requests.msisdn(request, clientNetwork(c)));
  });
  return routes;
}
