/** requestToken (email, phone) under a client API prefix, and the front door's own submit_token endpoints. */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type * as z from 'zod/mini';
import { registrationDisabled } from '../../matrix/errors.js';
import { parseWith } from '../../matrix/parse-body.js';
import { emailRequestTokenSchema, msisdnRequestTokenSchema, submitTokenSchema } from '../../matrix/threepid-bodies.js';
import { Medium } from '../../model/medium.js';
import { isAllowedNextLink, withSid } from '../../threepid/next-link.js';
import { pickLanguageTag } from '../../model/language-tags.js';
import { PAGE_SECURITY_HEADERS, resultPage } from '../../web/threepid-pages.js';
import { EMAIL_SUBMIT_PATH, MSISDN_SUBMIT_PATH, type TokenRequest, type TokenRequests } from '../../threepid/request-token.js';
import type { TokenSubmissions } from '../../threepid/submit-token.js';
import type { ThreepidConfig } from '../../threepid/threepid-config.js';
import { clientNetwork } from '../middleware/client-ip.js';
import { readJsonObject } from '../read-json.js';
import { SESSION_ID } from '../../matrix/identifiers.js';
import type { SwitchReader } from '../../ports/switches.js';
import { registrationOpen } from '../registration-open.js';

/** requestToken: the part that sends (email or SMS). */
export interface RequestTokenRouteDeps {
  registrationEnabled: boolean;
  /** The operator's live switches: `close-registration` refuses as `registrationEnabled: false` does. */
  switches?: SwitchReader;
  requests: TokenRequests;
  /**
   * Set when the tenant has the sign-up pages: the languages they offer. The mail or SMS is then written in
   * the one the client's Accept-Language picks among them, as the page would; without it, in English.
   */
  messageLanguages?: readonly string[];
}

/** submit_token: the part that checks codes, which needs no sender and no homeserver. */
export interface SubmitTokenRouteDeps {
  config: ThreepidConfig;
  submissions: TokenSubmissions;
}

export type ThreepidRouteDeps = RequestTokenRouteDeps & SubmitTokenRouteDeps;

/** Mounted under `/_matrix/client/r0` and `/_matrix/client/v3`. */
export function requestTokenRoutes(deps: RequestTokenRouteDeps): Hono {
  const routes = new Hono();
  routes.post(
    '/register/email/requestToken',
    requestTokenHandler(deps, emailRequestTokenSchema, (body, request, network) =>
      deps.requests.email({ ...request, email: body.email }, network),
    ),
  );
  routes.post(
    '/register/msisdn/requestToken',
    requestTokenHandler(deps, msisdnRequestTokenSchema, (body, request, network) =>
      deps.requests.msisdn({ ...request, country: body.country, phoneNumber: body.phone_number }, network),
    ),
  );
  return routes;
}

/** Mounted at the root: the link in the mail, and the `submit_url` of phone validation. */
export function submitTokenRoutes(deps: SubmitTokenRouteDeps): Hono {
  const routes = new Hono();
  routes.get(EMAIL_SUBMIT_PATH, async (c) => {
    const result = await deps.submissions.submit(Medium.Email, c.req.query('sid'), c.req.query('client_secret'), c.req.query('token'));
    const nextLink = result.kind === 'validated' ? result.session.nextLink : undefined;
    // Checked again on the way out, in case the tenant's allowed hosts changed since the mail was sent.
    if (result.kind === 'validated' && nextLink && isAllowedNextLink(nextLink, deps.config.nextLinkDomains)) {
      return c.redirect(withSid(nextLink, result.session.sid), 302);
    }
    const status = result.kind === 'validated' ? 200 : 400;
    const purpose = result.kind === 'validated' ? result.session.purpose : undefined;
    return c.html(resultPage(result.kind, deps.config.brandName, purpose), status, PAGE_SECURITY_HEADERS);
  });
  routes.post(MSISDN_SUBMIT_PATH, async (c) => {
    const body = parseWith(submitTokenSchema, await readJsonObject(c));
    const result = await deps.submissions.submit(Medium.Msisdn, body.sid, body.client_secret, body.token);
    return c.json({ success: result.kind === 'validated' });
  });
  return routes;
}

/** The fields both requestToken bodies share (matrix/threepid-bodies.ts). */
type RequestTokenBody = { client_secret: string; send_attempt: number; next_link?: string; [field: string]: unknown };

/**
 * One requestToken handler: refused while registration is closed, then the body parsed, the fields every
 * medium shares read, and `send` adds its own address fields.
 */
function requestTokenHandler<S extends z.ZodMiniType<RequestTokenBody>>(
  deps: RequestTokenRouteDeps,
  schema: S,
  send: (body: z.infer<S>, request: TokenRequest, clientNetwork: string) => Promise<{ sid: string }>,
) {
  return async (c: Context) => {
    if (!(await registrationOpen(deps.registrationEnabled, deps.switches))) throw registrationDisabled();
    const body = parseWith(schema, await readJsonObject(c));
    const request: TokenRequest = {
      clientSecret: body.client_secret,
      sendAttempt: body.send_attempt,
      nextLink: body.next_link,
      gateSession: gateSessionOf(body),
      lang: deps.messageLanguages && pickLanguageTag({ acceptLanguage: c.req.header('accept-language'), offered: deps.messageLanguages }),
    };
    return c.json(await send(body, request, clientNetwork(c)));
  };
}

/** The gated UIA session a client may name in requestToken (`session`, a front-door extension). */
function gateSessionOf(body: Record<string, unknown>): string | undefined {
  return typeof body.session === 'string' && SESSION_ID.test(body.session) ? body.session : undefined;
}
