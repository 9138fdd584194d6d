/** Which function serves which Matrix path: the privilege split, as data the stack and the tests both read. */

/** One Lambda per privilege: what it may touch besides the tenant table. */
export const FUNCTION_ENTRIES = {
  /** Creates accounts: reads the tenant secret (homeserver credential, encryption key). */
  register: 'functions/entries/register.ts',
  /** Sends verification mail: SES on the tenant's identity only. */
  email: 'functions/entries/email.ts',
  /** Sends verification SMS: SNS publish to phone numbers only. */
  sms: 'functions/entries/sms.ts',
  /** Table-only helpers: token validity, auth fallback pages, CORS preflights. */
  stages: 'functions/entries/stages.ts',
  /** The operator API, behind IAM authorisation. */
  admin: 'functions/entries/admin.ts',
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;
export type RouteMethod = 'GET' | 'POST' | 'OPTIONS' | 'ANY';

export interface FrontDoorRoute {
  method: RouteMethod;
  path: string;
  fn: FunctionName;
  /** Signed with an operator's IAM credentials (SigV4), checked by API Gateway before the function runs. */
  operator?: true;
}

const CLIENT_VERSIONS = ['r0', 'v3'] as const;

const perVersion = (v: string): FrontDoorRoute[] => [
  { method: 'POST', path: `/_matrix/client/${v}/register`, fn: 'register' },
  { method: 'GET', path: `/_matrix/client/${v}/register/available`, fn: 'register' },
  { method: 'POST', path: `/_matrix/client/${v}/register/email/requestToken`, fn: 'email' },
  { method: 'POST', path: `/_matrix/client/${v}/register/msisdn/requestToken`, fn: 'sms' },
  // The fallback page is fetched, then its form posts back to the same URL.
  { method: 'GET', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'stages' },
  { method: 'POST', path: `/_matrix/client/${v}/auth/{type}/fallback/web`, fn: 'stages' },
];

const servedRoutes: FrontDoorRoute[] = [
  ...CLIENT_VERSIONS.flatMap(perVersion),
  // The front door's own submit_url for the tokens it sends.
  { method: 'GET', path: '/_matrix/client/unstable/registration/email/submit_token', fn: 'email' },
  { method: 'POST', path: '/_matrix/client/unstable/registration/msisdn/submit_token', fn: 'sms' },
  { method: 'GET', path: '/_matrix/client/v1/register/m.login.registration_token/validity', fn: 'stages' },
  { method: 'ANY', path: '/_front_door/admin/{proxy+}', fn: 'admin', operator: true },
];

/** Every route, with an unauthenticated preflight on each path (a browser sends no credentials with OPTIONS). */
export const FRONT_DOOR_ROUTES: readonly FrontDoorRoute[] = [
  ...servedRoutes,
  ...[...new Set(servedRoutes.map((r) => r.path))].map((path): FrontDoorRoute => ({ method: 'OPTIONS', path, fn: 'stages' })),
];

/**
 * The CloudFront path patterns sent to the front door when it sits in front of the homeserver. The auth
 * fallback pages stay with the homeserver: they also serve its own UIA (e.g. deleting a device).
 */
export const CDN_FRONT_DOOR_PATHS: readonly string[] = [
  ...CLIENT_VERSIONS.map((v) => `/_matrix/client/${v}/register*`),
  '/_matrix/client/unstable/registration/*',
  '/_matrix/client/v1/register/m.login.registration_token/validity',
];
