/**
 * Which function serves which Matrix path: the privilege split, as data the stack and the tests both read.
 * The routes themselves are the app's route table (functions/http/route-table.ts); this adds what only
 * the deployment needs: each function's entry file, and the paths a CDN sends to the front door.
 */
import { LoginType } from '../functions/matrix/login-types.js';
import { CLIENT_VERSIONS, VALIDITY_PATH, type FrontDoorPart } from '../functions/http/route-table.js';

/** A Lambda function of the front door: one per part of the route table, and the internal owner lookup (no route). */
export type FunctionName = FrontDoorPart | 'lookup';

/** One Lambda per privilege: what it may touch besides the tenant table. */
export const FUNCTION_ENTRIES: Record<FunctionName, string> = {
  /** Creates accounts (the API): reads the homeserver credential (and captcha secret) and the encryption key. */
  register: 'functions/entries/register.ts',
  /** The UIA fallback pages and the hosted sign-up page: they run the engine, so the same secrets as register. */
  pages: 'functions/entries/pages.ts',
  /** Sends verification mail: SES on the tenant's identity only; the encryption key for hashing. */
  email: 'functions/entries/email.ts',
  /** Sends verification SMS: SNS publish to phone numbers only; the encryption key for hashing. */
  sms: 'functions/entries/sms.ts',
  /** submit_token, token validity, CORS preflights: the encryption key for hashing. */
  checks: 'functions/entries/checks.ts',
  /** The operator API: reads the operator key; where sign-ups may wait for approval, the homeserver credential and the senders' rights too. */
  admin: 'functions/entries/admin.ts',
  /** Internal, invoked by the senders only: who owns an address. Reads the homeserver credential; no table. */
  lookup: 'functions/entries/lookup.ts',
  /** The sign-up page's password strength meter (its word lists are megabytes): the encryption key for hashing. */
  meter: 'functions/entries/meter.ts',
  /** A password reset and an address added after sign-up (the admin token): the homeserver credential and the encryption key. */
  account: 'functions/entries/account.ts',
};

/** The UIA stages only registration uses: their fallback pages belong to the front door's sessions. */
export const REGISTRATION_ONLY_STAGES = [LoginType.Recaptcha, LoginType.Terms, LoginType.RegistrationToken] as const;

/**
 * The account paths the front door answers for a tenant with `recovery` (a password reset, an address added
 * after sign-up), passing to the homeserver what is the homeserver's (a logged-in password change, listing
 * or deleting addresses). They carry an access token, so a CDN must forward Authorization on them.
 */
export const CDN_ACCOUNT_PATHS: readonly string[] = CLIENT_VERSIONS.flatMap((v) => [
  `/_matrix/client/${v}/account/password*`,
  `/_matrix/client/${v}/account/3pid*`,
]);

/**
 * The paths a proxy in front of the homeserver sends to the front door (CloudFront path patterns; the
 * nginx and Caddy snippets in docs/deploy.md say the same). Fallback pages of other stages (password,
 * SSO) stay with the homeserver: they serve its own UIA, e.g. deleting a device.
 */
export const CDN_FRONT_DOOR_PATHS: readonly string[] = [
  ...CLIENT_VERSIONS.map((v) => `/_matrix/client/${v}/register*`),
  '/_matrix/client/unstable/registration/*',
  VALIDITY_PATH,
  ...CLIENT_VERSIONS.flatMap((v) => REGISTRATION_ONLY_STAGES.map((stage) => `/_matrix/client/${v}/auth/${stage}/fallback/web*`)),
];
