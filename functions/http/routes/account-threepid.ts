/**
 * Addresses after sign-up, under a client API prefix: requestToken (email, phone) with or without an access
 * token, `3pid/add` behind the user's password, and the rest of `/account/3pid` passed through to the homeserver.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type * as z from 'zod/mini';
import { addThreepidSchema } from '../../matrix/account-threepid-bodies.js';
import { forbidden } from '../../matrix/errors.js';
import { parseWith } from '../../matrix/parse-body.js';
import { emailRequestTokenSchema, msisdnRequestTokenSchema } from '../../matrix/threepid-bodies.js';
import { ValidationPurpose } from '../../model/validation-session.js';
import { Medium } from '../../model/medium.js';
import { SESSION_ID } from '../../matrix/identifiers.js';
import { TokenlessAdd } from '../../threepid/tokenless-add.js';
import type { HomeserverClientProxy } from '../../ports/index.js';
import type { AccountAdditions } from '../../threepid/add-to-account.js';
import { inUse, type TokenRequest, type TokenRequests, type ValidationScope } from '../../threepid/request-token.js';
import { pickLanguageTag } from '../../model/language-tags.js';
import { clientNetwork } from '../middleware/client-ip.js';
import { readJsonObject } from '../read-json.js';
import { accountCaller, presentsAccessToken } from './account-owner.js';
import { passThrough } from './pass-through.js';
import { CLIENT_PREFIXES } from '../route-table.js';

export interface AccountRequestTokenDeps {
  proxy: HomeserverClientProxy;
  requests: TokenRequests;
  messageLanguages?: readonly string[];
  /** What a request without an access token may do, per medium (`threepid.addWithoutToken`). */
  withoutToken: Readonly<Record<Medium, TokenlessAdd>>;
  /** `threepid.enumerationSafe`: an address in use gets a notice, and the answer looks like any other. */
  enumerationSafe: boolean;
}

/**
 * The address must be nobody's, the caller's included (Synapse 1.67 answers so too); enumeration-safe, its
 * owner is told instead, as at sign-up: a request without a token must not reveal what sign-up hides.
 * `userId` absent: asked without an access token, as the spec allows; the validation belongs to nobody until
 * `3pid/add` binds it to the user who proves its password and brings the sid and client secret.
 */
const addScope = (userId: string | undefined, gated: boolean, enumerationSafe: boolean): ValidationScope => ({
  purpose: ValidationPurpose.Add,
  ...(userId ? { userId } : {}),
  gated,
  ownerDecides(owner, threepid) {
    if (!owner) return 'token';
    if (enumerationSafe) return 'notice';
    throw inUse(threepid);
  },
});

/** `/account/3pid/{email,msisdn}/requestToken` (the parts that send). */
export function accountRequestTokenRoutes(deps: AccountRequestTokenDeps): Hono {
  const routes = new Hono();
  routes.post(
    '/account/3pid/email/requestToken',
    handler(deps, Medium.Email, emailRequestTokenSchema, (body, request, network) =>
      deps.requests.email({ ...request, email: body.email }, network),
    ),
  );
  routes.post(
    '/account/3pid/msisdn/requestToken',
    handler(deps, Medium.Msisdn, msisdnRequestTokenSchema, (body, request, network) =>
      deps.requests.msisdn({ ...request, country: body.country, phoneNumber: body.phone_number }, network),
    ),
  );
  return routes;
}

type RequestTokenBody = { client_secret: string; send_attempt: number; next_link?: string; [field: string]: unknown };

/**
 * The caller first when a token is presented (or one is required): the homeserver's whoami says whose it is,
 * and its refusal is the answer. Then the body, then the sign-up's machinery: the same limits and caps.
 */
function handler<S extends z.ZodMiniType<RequestTokenBody>>(
  deps: AccountRequestTokenDeps,
  medium: Medium,
  schema: S,
  send: (body: z.infer<S>, request: TokenRequest, clientNetwork: string) => Promise<{ sid: string }>,
) {
  return async (c: Context) => {
    const rule = deps.withoutToken[medium];
    const caller = presentsAccessToken(c) || rule === TokenlessAdd.Refuse ? await accountCaller(deps.proxy, c) : undefined;
    if (caller instanceof Response) return caller;
    const body = parseWith(schema, await readJsonObject(c));
    const request: TokenRequest = {
      clientSecret: body.client_secret,
      sendAttempt: body.send_attempt,
      nextLink: body.next_link,
      scope: addScope(caller?.userId, !caller && rule === TokenlessAdd.Gate, deps.enumerationSafe),
      // Without an account to stand in, a client may name the UIA session whose gate it passed, as at sign-up.
      gateSession: caller ? undefined : gateSessionOf(body),
      lang: deps.messageLanguages && pickLanguageTag({ acceptLanguage: c.req.header('accept-language'), offered: deps.messageLanguages }),
    };
    return c.json(await send(body, request, clientNetwork(c)));
  };
}

/** The gated UIA session a client may name (`session`, a front-door extension); anything else is ignored. */
function gateSessionOf(body: Record<string, unknown>): string | undefined {
  return typeof body.session === 'string' && SESSION_ID.test(body.session) ? body.session : undefined;
}

export interface AccountAddDeps {
  proxy: HomeserverClientProxy;
  /** Absent when the front door holds no admin token: it cannot bind then. */
  additions?: AccountAdditions;
}

/** `/account/3pid/add` (the part that holds the homeserver credential). */
export function accountAddRoutes(deps: AccountAddDeps): Hono {
  const routes = new Hono();
  routes.post('/account/3pid/add', async (c) => {
    const caller = await accountCaller(deps.proxy, c);
    if (caller instanceof Response) return caller;
    const body = parseWith(addThreepidSchema, await readJsonObject(c));
    if (!deps.additions) throw forbidden('Adding an address is not offered on this server');
    const outcome = await deps.additions.add({ ...caller, sid: body.sid, clientSecret: body.client_secret, auth: body.auth });
    return outcome.kind === 'done' ? c.json({}) : c.json(outcome.body, 401);
  });
  return routes;
}

/** The homeserver's own: listing, deleting, and binding to or unbinding from an identity server. */
export function accountPassThroughRoutes(proxy: HomeserverClientProxy): Hono {
  const routes = new Hono();
  const forward = passThrough(proxy);
  routes.get('/account/3pid', forward);
  for (const path of ['/account/3pid/delete', '/account/3pid/bind', '/account/3pid/unbind']) routes.post(path, forward);
  return routes;
}

/** Mounts the account routes a part serves under both client API prefixes. */
export function mountAccountRoutes(app: Hono, routes: readonly Hono[]): void {
  for (const sub of routes) for (const prefix of CLIENT_PREFIXES) app.route(prefix, sub);
}
