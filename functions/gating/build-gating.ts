/**
 * Wires the gating parts (tokens, captcha, gate, policy, rate limits) from the tenant config. Each
 * function below builds what one part of the front door needs, so each Lambda holds only its own.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono, MiddlewareHandler } from 'hono';
import { ConfigError, type TenantConfig, type TenantSecrets } from '../config.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../log.js';
import type { Clock, CreationHook, SendGuard } from '../ports.js';
import { DynamoGatePassStore } from '../store/dynamo-gate-pass-store.js';
import { DynamoRateLimiter } from '../store/dynamo-rate-limiter.js';
import { DynamoRegistrationTokenStore } from '../store/dynamo-registration-token-store.js';
import { httpCaptchaVerifier } from './captcha/http-captcha-verifier.js';
import { loadDisposableDomains } from './email-domains.js';
import { gatingProblems } from './gate-problems.js';
import { GatePasses } from './gate.js';
import type { GatingStageDeps } from './gating-stage-deps.js';
import { denyIpRanges } from './ip-deny.js';
import { rateLimitPerIp } from './rate-limit.js';
import { gatingSendGuard } from './send-guard.js';
import { OPERATOR_PREFIX, operatorRoutes } from './tokens/operator-routes.js';
import { RegistrationTokens } from './tokens/registration-tokens.js';
import { tokenCreationHook } from './tokens/token-creation-hook.js';
import { validityRoutes } from './tokens/validity-route.js';

/** What every gating part needs: the config, the table, the clock, and the tenant key (for keyed hashes). */
export interface GatingBase {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock: Clock;
  encryptionKey: Buffer;
}

/** Middleware mounted before a part's routes, and sub-apps mounted after them. */
export interface GatingMount {
  middleware: { path: string; handler: MiddlewareHandler }[];
  routes: { prefix: string; app: Hono }[];
}

/** The validity endpoint is always limited: it is an oracle for guessing tokens. */
const DEFAULT_VALIDITY_LIMIT = { max: 10, windowSeconds: 60 };

const tokensOf = (base: GatingBase) =>
  new RegistrationTokens(new DynamoRegistrationTokenStore(base.dynamo, base.config.tableName), keyedHash(base.encryptionKey), aesGcmSecretBox(base.encryptionKey));

const gateOf = (base: GatingBase) =>
  base.config.gate?.beforeSending ? new GatePasses(new DynamoGatePassStore(base.dynamo, base.config.tableName), base.config.gate, keyedHash(base.encryptionKey)) : undefined;

const perIp = (base: GatingBase, name: string, limit: { max: number; windowSeconds: number }) =>
  rateLimitPerIp({ limiter: new DynamoRateLimiter(base.dynamo, base.config.tableName), clock: base.clock, hasher: keyedHash(base.encryptionKey) }, name, limit);

const ipDeny = (config: TenantConfig): GatingMount['middleware'] =>
  config.signup?.deniedIpRanges.length ? [{ path: '/_matrix/client/*', handler: denyIpRanges(config.signup.deniedIpRanges) }] : [];

/** For the register part: the gating stages' ports, the creation hooks, IP deny and per-IP limits. */
export function gatingForRegister(base: GatingBase, secrets: TenantSecrets, clientPrefixes: string[], fetchImpl?: typeof fetch) {
  const problems = gatingProblems(base.config);
  if (problems.length > 0) throw new ConfigError(problems);
  const { config } = base;
  const tokens = tokensOf(base);
  const captcha = config.captcha && secrets.captchaSecret ? httpCaptchaVerifier(config.captcha, secrets.captchaSecret, fetchImpl) : undefined;
  const stageDeps: GatingStageDeps = { tokens, captcha, gate: gateOf(base) };
  const hooks: CreationHook[] = [tokenCreationHook(tokens, base.clock)];
  const middleware = ipDeny(config);
  if (config.rateLimits) {
    for (const prefix of clientPrefixes) {
      middleware.push({ path: `${prefix}/register`, handler: perIp(base, 'register', config.rateLimits.register) });
      middleware.push({ path: `${prefix}/register/available`, handler: perIp(base, 'available', config.rateLimits.available) });
    }
  }
  return { stageDeps, hooks, mount: { middleware, routes: [] } as GatingMount };
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
  return { guard, mount: { middleware: ipDeny(base.config), routes: [] } };
}

/** For the table-only part: the token validity endpoint. */
export function gatingForStages(base: GatingBase): GatingMount {
  const limit = perIp(base, 'validity', base.config.rateLimits?.tokenValidity ?? DEFAULT_VALIDITY_LIMIT);
  const app = validityRoutes({ tokens: tokensOf(base), clock: base.clock, registrationEnabled: base.config.registration.enabled, limit });
  return { middleware: ipDeny(base.config), routes: [{ prefix: '/', app }] };
}

/** For the operator part: the registration-token API. */
export function gatingForAdmin(base: GatingBase, operatorKey: string | undefined, log: Logger): GatingMount {
  return { middleware: [], routes: [{ prefix: OPERATOR_PREFIX, app: operatorRoutes({ tokens: tokensOf(base), clock: base.clock, log, operatorKey }) }] };
}

export function mountGatingMiddleware(app: Hono, mount: GatingMount | undefined): void {
  for (const { path, handler } of mount?.middleware ?? []) app.use(path, handler);
}

export function mountGatingRoutes(app: Hono, mount: GatingMount | undefined): void {
  for (const { prefix, app: routes } of mount?.routes ?? []) app.route(prefix, routes);
}
