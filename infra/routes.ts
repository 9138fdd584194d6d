/** Which function serves which Matrix path: the privilege split, as data the stack and the tests both read. */
import { LoginType } from '../functions/matrix/login-types.js';

/** One Lambda per privilege: what it may touch besides the tenant table. */
export const FUNCTION_ENTRIES = {
  /** Creates accounts and serves the UIA fallback pages: reads the homeserver credential (and captcha secret) and the encryption key. */
  register: 'functions/entries/register.ts',
  /** Sends verification mail: SES on the tenant's identity only; the encryption key for hashing. */
  email: 'functions/entries/email.ts',
  /** Sends verification SMS: SNS publish to phone numbers only; the encryption key for hashing. */
  sms: 'functions/entries/sms.ts',
  /** submit_token, token validity, CORS preflights: the encryption key for hashing. */
  stages: 'functions/entries/checks.ts',
  /** The operator API: reads the operator key. */
  admin: 'functions/entries/admin.ts',
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;
export type RouteMethod = 'GET' | 'POST' | 'OPTIONS' | 'ANY';

export interface FrontDoorRoute {
  method: RouteMethod;
  path: string;
  fn: FunctionName;
  /** The operator API: the function checks the operator key; no browser calls it, so no preflight. */
  operator?: true;
}

const CLIENT_VERSIONS = ['r0', 'v3'] as const;

const perVersion = (v: string): FrontDoorRoute[] => [
  { method: 'POST', path: `/_matrix/client/${v}/register`, fn: 'register' },
  { method: 'GET', path: `/_matrix/client/${v}/register/available`, fn: 'register' },
  { method: 'POST', path: `/_matrix/client/${v}/register/email/requestToken`, fn: 'email' },
  { method: 'POST', path: `/_matrix/client/${v}/register/msisdn/requestToken`, fn: 'sms' },
  // The fallback page is fetched, then its form posts back to the same URL; it runs stages (a captcha
  // check needs the captcha secret) through the registration engine, so it lives with /register.
  { method: 'GET', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'register' },
  { method: 'POST', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'register' },
];

const servedRoutes: FrontDoorRoute[] = [
  ...CLIENT_VERSIONS.flatMap(perVersion),
  // The front door's own submit_url for the tokens it sends: checking a token needs only the table and the key.
  { method: 'GET', path: '/_matrix/client/unstable/registration/email/submit_token', fn: 'stages' },
  { method: 'POST', path: '/_matrix/client/unstable/registration/msisdn/submit_token', fn: 'stages' },
  { method: 'GET', path: '/_matrix/client/v1/register/m.login.registration_token/validity', fn: 'stages' },
];

/** Paths no route names go here, so that even they are answered with a Matrix error. */
export const UNROUTED_FUNCTION: FunctionName = 'stages';

/** The operator API prefix; everything under it goes to the admin function. */
export const ADMIN_PREFIX = '/_front_door/admin';

const operatorRoutes: FrontDoorRoute[] = [{ method: 'ANY', path: `${ADMIN_PREFIX}/{proxy+}`, fn: 'admin', operator: true }];

/** Every route, with an unauthenticated preflight on each client path (a browser sends no credentials with OPTIONS). */
export const FRONT_DOOR_ROUTES: readonly FrontDoorRoute[] = [
  ...servedRoutes,
  ...[...new Set(servedRoutes.map((r) => r.path))].map((path): FrontDoorRoute => ({ method: 'OPTIONS', path, fn: 'stages' })),
  ...operatorRoutes,
];

/** The UIA stages only registration uses: their fallback pages belong to the front door's sessions. */
export const REGISTRATION_ONLY_STAGES = [LoginType.Recaptcha, LoginType.Terms, LoginType.RegistrationToken] as const;

/**
 * The paths a proxy in front of the homeserver sends to the front door (CloudFront path patterns; the
 * nginx and Caddy snippets in docs/deploy.md say the same). Fallback pages of other stages (password,
 * SSO) stay with the homeserver: they serve its own UIA, e.g. deleting a device.
 */
export const CDN_FRONT_DOOR_PATHS: readonly string[] = [
  ...CLIENT_VERSIONS.map((v) => `/_matrix/client/${v}/register*`),
  '/_matrix/client/unstable/registration/*',
  '/_matrix/client/v1/register/m.login.registration_token/validity',
  ...CLIENT_VERSIONS.flatMap((v) => REGISTRATION_ONLY_STAGES.map((stage) => `/_matrix/client/${v}/auth/${stage}/fallback/web*`)),
];
