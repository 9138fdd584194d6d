/**
 * Every route the front door serves, and which Lambda part serves it: the one list infra/ turns into API
 * Gateway routes and the app is tested against (test/http/route-table.test.ts), so a route cannot exist
 * in one and not the other. Plain data: paths are in API Gateway's syntax (`{type}`, `{proxy+}`).
 */

/**
 * One Lambda per privilege. register: creates accounts (the API). pages: what a person sees, the UIA
 * fallback pages and the hosted sign-up and "Forgot password" pages (it drives the engine too, but the API's cold start need not
 * load pages, their catalogues and senders). email, sms: send verification messages. checks: submit_token,
 * token validity, CORS preflights and any unrouted path. admin: the operator API. meter: the sign-up page's
 * password strength estimate, whose word lists no other part should have to load. account: what a signed-up
 * account asks with the admin token (a password reset, an address added), kept out of register's cold start.
 */
export const FRONT_DOOR_PARTS = ['register', 'pages', 'email', 'sms', 'checks', 'admin', 'meter', 'account'] as const;
export type FrontDoorPart = (typeof FRONT_DOOR_PARTS)[number];
export type RouteMethod = 'GET' | 'POST' | 'OPTIONS' | 'ANY';

export interface FrontDoorRoute {
  method: RouteMethod;
  path: string;
  /** The part (Lambda function) that serves it. */
  fn: FrontDoorPart;
  /** The operator API: the function checks the operator key; no browser calls it, so no preflight. */
  operator?: true;
  /**
   * What its handler may call on the homeserver: `admin`, the admin API (or the engine, which does); `client`,
   * only the client API (a pass-through, or `whoami` for an access token). infra/ puts the functions that call
   * it into the tenant's network from these marks (infra/homeserver-callers.ts); test/http/homeserver-calls.test.ts
   * checks that an unmarked route calls nothing.
   */
  homeserver?: HomeserverUse;
  /** The route calls the homeserver only when the tenant lacks this config section (with it, the front door answers). */
  homeserverUnless?: 'recovery';
}

export type HomeserverUse = 'admin' | 'client';

export const CLIENT_VERSIONS = ['r0', 'v3'] as const;
export const CLIENT_PREFIXES = CLIENT_VERSIONS.map((v) => `/_matrix/client/${v}`);

/** The registration token validity check (MSC3231, stable since v1.2). */
export const VALIDITY_PATH = '/_matrix/client/v1/register/m.login.registration_token/validity';

/** The operator API; everything under it goes to the admin part. */
export const ADMIN_PREFIX = '/_front_door/admin';

/** Paths no route names go here, so that even they are answered with a Matrix error. */
export const UNROUTED_PART: FrontDoorPart = 'checks';

/** Without `recovery` the reset's requestToken is the homeserver's, passed through; with it the front door sends. */
const PASSED_WITHOUT_RECOVERY = { homeserver: 'client', homeserverUnless: 'recovery' } as const;

const perVersion = (v: string): FrontDoorRoute[] => [
  { method: 'POST', path: `/_matrix/client/${v}/register`, fn: 'register', homeserver: 'admin' },
  { method: 'GET', path: `/_matrix/client/${v}/register/available`, fn: 'register', homeserver: 'admin' },
  { method: 'POST', path: `/_matrix/client/${v}/register/email/requestToken`, fn: 'email' },
  { method: 'POST', path: `/_matrix/client/${v}/register/msisdn/requestToken`, fn: 'sms' },
  // The fallback page is fetched, then its form posts back to the same URL; it runs stages (a captcha
  // check needs the captcha secret) through the registration engine, in the pages part.
  { method: 'GET', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'pages', homeserver: 'admin' },
  { method: 'POST', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'pages', homeserver: 'admin' },
  // Addresses after sign-up: the sending parts verify, the account part (the admin token) binds, and the
  // rest of /account/3pid is the homeserver's, passed through by the checks part (it needs no secret).
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/email/requestToken`, fn: 'email', homeserver: 'client' },
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/msisdn/requestToken`, fn: 'sms', homeserver: 'client' },
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/add`, fn: 'account', homeserver: 'admin' },
  { method: 'GET', path: `/_matrix/client/${v}/account/3pid`, fn: 'checks', homeserver: 'client' },
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/delete`, fn: 'checks', homeserver: 'client' },
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/bind`, fn: 'checks', homeserver: 'client' },
  { method: 'POST', path: `/_matrix/client/${v}/account/3pid/unbind`, fn: 'checks', homeserver: 'client' },
  // Password reset: the sending parts send the link or code; the account part (the admin token) sets the
  // password, and passes a logged-in user's change (with an access token) to the homeserver.
  { method: 'POST', path: `/_matrix/client/${v}/account/password/email/requestToken`, fn: 'email', ...PASSED_WITHOUT_RECOVERY },
  { method: 'POST', path: `/_matrix/client/${v}/account/password/msisdn/requestToken`, fn: 'sms', ...PASSED_WITHOUT_RECOVERY },
  { method: 'POST', path: `/_matrix/client/${v}/account/password`, fn: 'account', homeserver: 'admin' },
];

/** The client API routes: what a Matrix client (or a browser) calls. */
export const CLIENT_ROUTES: readonly FrontDoorRoute[] = [
  ...CLIENT_VERSIONS.flatMap(perVersion),
  // The front door's own submit_url for the tokens it sends: checking a token needs only the table and the key.
  { method: 'GET', path: '/_matrix/client/unstable/registration/email/submit_token', fn: 'checks' },
  { method: 'POST', path: '/_matrix/client/unstable/registration/msisdn/submit_token', fn: 'checks' },
  { method: 'GET', path: VALIDITY_PATH, fn: 'checks' },
];

// The console signs operators in with their homeserver account (`/login`, then the admin API's user query); approving makes accounts.
const operatorRoutes: FrontDoorRoute[] = [
  { method: 'ANY', path: `${ADMIN_PREFIX}/{proxy+}`, fn: 'admin', operator: true, homeserver: 'admin' },
];

/** Every route, with an unauthenticated preflight on each client path (a browser sends no credentials with OPTIONS). */
export const FRONT_DOOR_ROUTES: readonly FrontDoorRoute[] = [
  ...CLIENT_ROUTES,
  ...[...new Set(CLIENT_ROUTES.map((r) => r.path))].map((path): FrontDoorRoute => ({ method: 'OPTIONS', path, fn: 'checks' })),
  ...operatorRoutes,
];

/**
 * The hosted sign-up page's routes (`pages.path`, configurable, so a function of it): served by the
 * pages part, which holds the engine. The page, its form posts, the mail link's return, its static
 * files; and the strength meter's estimate, served by the meter part.
 */
export function signupPageRoutes(path: string): FrontDoorRoute[] {
  return [
    { method: 'GET', path, fn: 'pages', homeserver: 'admin' },
    { method: 'POST', path, fn: 'pages', homeserver: 'admin' },
    { method: 'GET', path: `${path}/continue`, fn: 'pages', homeserver: 'admin' },
    { method: 'GET', path: `${path}/static/{file}`, fn: 'pages' },
    // The strength meter's word lists are megabytes: a part of its own, so no other cold start pays for them.
    { method: 'POST', path: `${path}/password-strength`, fn: 'meter' },
  ];
}

/**
 * Every route of a tenant: the front door's, the sign-up page's when it has one, and the "Forgot password"
 * page's (`recovery.pagePath`) when it has that too. Both pages are served by the pages part, and both
 * take the same four routes: the page, its form posts, the mail link's return, the stylesheet and script.
 */
export function frontDoorRoutes(pagesPath?: string, resetPagePath?: string): readonly FrontDoorRoute[] {
  if (!pagesPath) return FRONT_DOOR_ROUTES;
  return [...FRONT_DOOR_ROUTES, ...signupPageRoutes(pagesPath), ...(resetPagePath ? signupPageRoutes(resetPagePath) : [])];
}
