/**
 * Wires the gating parts (tokens, captcha, gate, policy, rate limits) from the tenant config. Each
 * function below builds what one part of the front door needs, so each Lambda holds only its own.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'hono';
import { ConfigError } from '../model/config-error.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../model/log.js';
import type { Clock, CreationHook, RateLimit, SendGuard } from '../ports/index.js';
import { REGISTER_COUNT } from '../model/client-counts.js';
import { DynamoGatePassStore } from '../adapters/dynamodb/gate-pass-store.js';
import { DynamoRateLimiter } from '../adapters/dynamodb/rate-limiter.js';
import { DynamoRegistrationTokenStore } from '../adapters/dynamodb/registration-token-store.js';
import { httpCaptchaVerifier } from '../adapters/captcha/http-captcha-verifier.js';
import { loadDisposableDomains } from '../policy/email-domains.js';
import { gatingProblems } from '../policy/gate-problems.js';
import { GatePasses } from '../policy/gate.js';
import type { GatingStageDeps } from '../uia/stages/gating-stage-deps.js';
import { deniedPage, limitedPage } from '../web/fallback-pages.js';
import { DEFAULT_IPV6_PREFIX_LENGTH, DEFAULT_RATE_LIMITS } from '../policy/gating-defaults.js';
import { denyIpRanges } from '../http/middleware/ip-deny.js';
import { rateLimitPerIp, type PerIpOptions } from '../http/middleware/rate-limit.js';
import { gatingSendGuard } from '../policy/send-guard.js';
import { OPERATOR_PREFIX, type OperatorRouteDeps, operatorRoutes } from '../http/routes/operator-routes.js';
import { RegistrationTokens } from '../policy/registration-tokens.js';
import { tokenCreationHook } from '../policy/token-creation-hook.js';
import { validityRoutes } from '../http/routes/validity-route.js';
import type { GatingMount } from '../http/mount.js';
import { signupDenied, signupLimited } from '../http/routes/signup.js';
import { CLIENT_PREFIXES } from '../http/route-table.js';
import { inviteUrl } from '../config/pages-urls.js';
import { passwordStrength } from '../policy/password-strength.js';
import { passwordStrengthRoutes } from '../http/routes/password-strength.js';
import { passwordRefusal } from '../uia/identity.js';
import { identitySettings } from './identity.js';

/** What every gating part needs: the config, the table, the clock, and the tenant key (for keyed hashes). */
export interface GatingBase {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock: Clock;
  encryptionKey: Buffer;
}

/** The per-IP limits: the tenant's, or the defaults (every endpoint that can be used to guess or hoard is limited). */
const limitsOf = (config: TenantConfig) => config.rateLimits ?? DEFAULT_RATE_LIMITS;

/**
 * How long a client's /register item is kept after a write at least: its name holds (uia/name-holds.ts) are
 * kept on it too, and the longer of the two windows decides.
 */
export const registerItemKeepSeconds = (config: TenantConfig) =>
  Math.max(limitsOf(config).register.windowSeconds, config.username.holdSeconds);

/** The /register count, wherever it is spent (the API, the sign-up page, password resets). */
const registerLimit = (config: TenantConfig): RateLimit => ({ ...limitsOf(config).register, keepSeconds: registerItemKeepSeconds(config) });

const tokensOf = (base: GatingBase) =>
  new RegistrationTokens(
    new DynamoRegistrationTokenStore(base.dynamo, base.config.tableName),
    keyedHash(base.encryptionKey),
    aesGcmSecretBox(base.encryptionKey),
  );

function gateOf(base: GatingBase): GatePasses | undefined {
  const { gate, clientIp } = base.config;
  if (!gate?.beforeSending) return undefined;
  const tokens = tokensOf(base);
  const store = new DynamoGatePassStore(base.dynamo, base.config.tableName);
  return new GatePasses(
    store,
    gate,
    keyedHash(base.encryptionKey),
    clientIp?.ipv6PrefixLength ?? DEFAULT_IPV6_PREFIX_LENGTH,
    (id, session, now) => tokens.holds(id, session, now),
  );
}

const perIp = (base: GatingBase, name: string, limit: { max: number; windowSeconds: number }, options?: PerIpOptions) =>
  rateLimitPerIp(
    { limiter: new DynamoRateLimiter(base.dynamo, base.config.tableName), clock: base.clock, hasher: keyedHash(base.encryptionKey) },
    name,
    limit,
    options,
  );

/** A fallback page is a page a person sees: a refused form submission is answered with a page too. */
const fallbackLimited = (c: Context, retryAfterSeconds: number) => {
  const page = limitedPage(retryAfterSeconds);
  return c.html(page.html, 429, { ...page.headers, 'Retry-After': String(retryAfterSeconds) });
};

const fallbackDenied = (c: Context) => {
  const page = deniedPage();
  return c.html(page.html, 403, page.headers);
};

/**
 * The API parts: a denied network is refused with JSON. The pages' own refusal (pageIpDeny) is the pages
 * part's alone: no route leads a page to another part, and mounting it there would load the pages.
 */
const apiIpDeny = (config: TenantConfig): GatingMount['middleware'] =>
  config.signup?.deniedIpRanges.length ? [{ path: '/_matrix/client/*', handler: denyIpRanges(config.signup.deniedIpRanges) }] : [];

/** A person in a browser is refused with a page in their language, not a JSON body. */
const pageIpDeny = (config: TenantConfig): GatingMount['middleware'] => {
  if (!config.signup?.deniedIpRanges.length) return [];
  const ranges = config.signup.deniedIpRanges;
  const fallback = denyIpRanges(ranges, fallbackDenied);
  const mounts = CLIENT_PREFIXES.map((prefix) => ({ path: `${prefix}/auth/:type/fallback/web`, handler: fallback }));
  if (config.pages) {
    const page = denyIpRanges(ranges, signupDenied(config.pages));
    mounts.push({ path: config.pages.path, handler: page }, { path: `${config.pages.path}/*`, handler: page });
  }
  return mounts;
};

/** The creation hooks of gating alone (a token's use), for parts that close sign-ups without running stages (the sweep). */
export const gatingHooks = (base: GatingBase): CreationHook[] => [tokenCreationHook(tokensOf(base), base.clock)];

/** For the parts that run the engine (register, pages): the gating stages' ports, the creation hooks; the API's IP deny and per-IP limits. */
export function gatingForRegister(base: GatingBase, secrets: TenantSecrets, clientPrefixes: string[], fetchImpl?: typeof fetch) {
  const problems = gatingProblems(base.config);
  if (problems.length > 0) throw new ConfigError(problems);
  const { config } = base;
  const tokens = tokensOf(base);
  const captcha =
    config.captcha && secrets.captchaSecret ? httpCaptchaVerifier(config.captcha, secrets.captchaSecret, fetchImpl) : undefined;
  const stageDeps: GatingStageDeps = { tokens, captcha, gate: gateOf(base) };
  const hooks: CreationHook[] = [tokenCreationHook(tokens, base.clock)];
  const middleware = apiIpDeny(config);
  const limits = limitsOf(config);
  // One counter per endpoint, shared by both prefixes: switching prefix does not buy a second allowance.
  // Decided beside the engine's first write: the engine awaits it before anything a refused call must not do.
  const register = perIp(base, REGISTER_COUNT, registerLimit(config), { beside: true });
  const available = perIp(base, 'available', limits.available);
  for (const prefix of clientPrefixes) {
    middleware.push({ path: `${prefix}/register`, handler: register });
    middleware.push({ path: `${prefix}/register/available`, handler: available });
  }
  return { stageDeps, hooks, mount: { middleware, routes: [] } as GatingMount };
}

/**
 * The account part's own limit: a password reset opens UIA sessions as /register does, so it spends the same
 * allowance (one counter with /register). Mounted by the account part, and beside the register part's middleware
 * where one app serves every part.
 */
export function accountLimits(base: GatingBase, clientPrefixes: string[]): GatingMount['middleware'] {
  if (!base.config.recovery) return [];
  const resets = perIp(base, REGISTER_COUNT, registerLimit(base.config), { methods: ['POST'] });
  return clientPrefixes.map((prefix) => ({ path: `${prefix}/account/password`, handler: resets }));
}

/** For the account part (`/account/password`, `/account/3pid/add`): the API's IP deny and the reset's per-IP limit. */
export function gatingForAccount(base: GatingBase, clientPrefixes: string[]): GatingMount {
  return { middleware: [...apiIpDeny(base.config), ...accountLimits(base, clientPrefixes)], routes: [] };
}

/** For the pages part (mounted before the API's, where one app serves both): IP deny and per-IP limits refused with pages. */
export function gatingForPages(base: GatingBase, clientPrefixes: string[]): GatingMount {
  const { config } = base;
  const middleware = pageIpDeny(config);
  const limits = limitsOf(config);
  const fallback = perIp(base, 'fallback', limits.fallback, { methods: ['POST'], refuse: fallbackLimited });
  for (const prefix of clientPrefixes) middleware.push({ path: `${prefix}/auth/:type/fallback/web`, handler: fallback });
  // The sign-up page's form posts spend the same per-IP allowance as POST /register (one counter), refused with a page.
  if (config.pages) {
    const pages = config.pages;
    const pagePosts = perIp(base, REGISTER_COUNT, registerLimit(config), { methods: ['POST'], refuse: signupLimited(pages) });
    middleware.push({ path: pages.path, handler: pagePosts });
  }
  // The "Forgot password" page's posts open reset sessions as POST /account/password does: the same allowance.
  if (config.recovery && config.pages) {
    const refuse = signupLimited(config.pages);
    middleware.push({
      path: config.recovery.pagePath,
      handler: perIp(base, REGISTER_COUNT, registerLimit(config), { methods: ['POST'], refuse }),
    });
  }
  return { middleware, routes: [] };
}

/** For the requestToken part: disposable domains, the send gate, the SMS ceiling, IP deny. */
export function gatingForRequestToken(base: GatingBase): { guard: SendGuard; mount: GatingMount } {
  const email = base.config.signup?.email;
  const guard = gatingSendGuard({
    clock: base.clock,
    limiter: new DynamoRateLimiter(base.dynamo, base.config.tableName),
    disposableDomains: email?.blockDisposable ? loadDisposableDomains(email.disposableDomainsPath) : undefined,
    gate: gateOf(base),
    smsPerDay: base.config.rateLimits?.smsPerDay,
  });
  return { guard, mount: { middleware: apiIpDeny(base.config), routes: [] } };
}

/** For the table-only part: the token validity endpoint. */
export function gatingForChecks(base: GatingBase): GatingMount {
  const limit = perIp(base, 'validity', limitsOf(base.config).tokenValidity);
  const app = validityRoutes({ tokens: tokensOf(base), clock: base.clock, registrationEnabled: base.config.registration.enabled, limit });
  return { middleware: apiIpDeny(base.config), routes: [{ prefix: '/', app }] };
}

/** For the meter part: the sign-up page's password strength estimate, limited per IP. */
export function gatingForMeter(base: GatingBase): GatingMount {
  const { pages } = base.config;
  if (!pages) return { middleware: [], routes: [] };
  const meter = passwordStrengthRoutes(
    {
      pages,
      estimate: passwordStrength,
      refusal: passwordRefusal(identitySettings(base.config)),
      siteWords: [base.config.serverName, pages.brand.name],
      // Typing a password asks about as often as typing a username: the same allowance, its own counter.
      limit: perIp(base, 'strength', limitsOf(base.config).available),
    },
    [pages.path, ...(base.config.recovery ? [base.config.recovery.pagePath] : [])],
  );
  return { middleware: apiIpDeny(base.config), routes: [{ prefix: '/', app: meter }] };
}

/** For the operator part: the registration-token API. */
export function gatingForAdmin(
  base: GatingBase,
  operatorKey: OperatorRouteDeps['operatorKey'],
  log: Logger,
  /** The audit log and more operator routes (records; approvals). */
  extra: Pick<OperatorRouteDeps, 'audit' | 'more'> = {},
): GatingMount {
  return {
    middleware: [],
    routes: [
      {
        prefix: OPERATOR_PREFIX,
        app: operatorRoutes({
          tokens: tokensOf(base),
          clock: base.clock,
          log,
          operatorKey,
          ...extra,
          inviteUrl: (token) => inviteUrl(base.config, token),
        }),
      },
    ],
  };
}
