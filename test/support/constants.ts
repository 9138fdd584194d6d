/** What many tests share: the request paths they call, the secrets the harness's homeserver accepts, config fragments. */

export const REGISTER = '/_matrix/client/v3/register';
export const AVAILABLE = '/_matrix/client/v3/register/available';
export const EMAIL_TOKEN = '/_matrix/client/v3/register/email/requestToken';
export const MSISDN_TOKEN = '/_matrix/client/v3/register/msisdn/requestToken';
export const SUBMIT_MSISDN = '/_matrix/client/unstable/registration/msisdn/submit_token';
export const VALIDITY = '/_matrix/client/v1/register/m.login.registration_token/validity';
/** The operator API's registration tokens. */
export const TOKENS = '/_front_door/admin/v1/registration_tokens';

export const SHARED_SECRET = 'test-shared-secret-3f9a';
export const ADMIN_TOKEN = 'syt_admin_test_token_77c1';
export const OPERATOR_KEY = 'operator-key-for-tests-5a1c9e';

export const TERMS = {
  policies: {
    privacy_policy: { version: '1.0', en: { name: 'Privacy Policy', url: 'https://example.org/privacy-1.0' } },
    terms_of_service: {
      version: '2.1',
      en: { name: 'Terms of Service', url: 'https://example.org/tos-2.1' },
      fr: { name: 'Conditions d’utilisation', url: 'https://example.org/fr/cgu-2.1' },
    },
  },
};

/** Tenant config for email and phone verification, pointing links back at a public base URL. */
export const THREEPID = {
  brandName: 'Example Chat',
  email: { from: 'Example Chat <no-reply@example.org>' },
  msisdn: { senderId: 'ExampleChat' },
};

/** The harness's per-IP limits unless a test gives its own `rateLimits` (`rateLimits: undefined` means the defaults). */
export const LOOSE_RATE_LIMITS = Object.fromEntries(
  ['register', 'available', 'tokenValidity', 'fallback'].map((name) => [name, { max: 1_000_000, windowSeconds: 60 }]),
);

/** requestToken send limits for `threepid.rateLimits`: `perAddress` and `perClientIp` sends in a window. */
export const sendLimits = (perAddress: number, perClientIp: number, windowSeconds = 60) => ({
  perAddress: { max: perAddress, windowSeconds },
  perClientIp: { max: perClientIp, windowSeconds },
});

/** Tenant config for email sign-ups in enumeration-safe mode, with the given `sendLimits`. */
export const enumerationSafeEmail = (rateLimits: ReturnType<typeof sendLimits>) => ({
  registration: { flows: [['m.login.email.identity']] },
  threepid: { ...THREEPID, enumerationSafe: true, rateLimits },
});

/** A tenant that verifies by email and by phone in one flow: every sending route has something to do. */
export const EVERY_CHANNEL = {
  registration: { flows: [['m.login.terms', 'm.login.email.identity', 'm.login.msisdn']] },
  threepid: {
    brandName: 'Example Chat',
    publicBaseUrl: 'https://register.example.org',
    email: { from: 'Example Chat <no-reply@example.org>' },
    msisdn: {},
  },
};
