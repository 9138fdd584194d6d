/**
 * The tenant configuration: one zod schema, parsed once at start-up by every entry point (and by infra/
 * at synth). Environment variables override the file for the settings an operator changes most.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { LoginType } from '../matrix/login-types.js';
import { ConfigError } from '../model/config-error.js';
import { englishMessages } from '../model/zod-english.js';
import { httpUrl, integer } from '../model/schema-parts.js';
import { domainName, threepidConfigSchema } from '../threepid/threepid-config.js';
import { termsConfigSchema } from '../uia/stages/terms-config.js';
import { captchaConfigSchema } from '../uia/stages/captcha-config.js';
import { pagesConfigSchema } from './pages-config.js';
import { recoveryConfigSchema } from '../uia/recovery-config.js';
import { DEFAULT_RECORDS, eventsConfigSchema, onboardingConfigSchema, recordsConfigSchema } from './records-config.js';
import { DEFAULT_OBSERVABILITY, observabilityConfigSchema } from './observability-config.js';
import { clientIpConfigSchema, gateConfigSchema, rateLimitsConfigSchema, signupPolicySchema } from '../policy/gating-config.js';
import { approvalConfigSchema, decisionHookConfigSchema } from '../policy/approval-config.js';

const localpartList = () => z._default(z.array(z.string().check(z.minLength(1))), []);

const buildTenantConfigSchema = () =>
  z
    .strictObject({
      /** The homeserver's server name: the part after the colon in `@alice:example.org`. */
      serverName: z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a hostname, optionally with a port')),
      homeserver: z.strictObject({
        url: httpUrl(),
        /**
         * The homeserver's public client-API URL, for a homeserver whose `url` is private (docs/deploy.md): the parts
         * that call only its client API (the `/account/3pid` pass-through, `whoami`) use it, so in AWS they stay
         * outside the tenant's network. Never used for the admin API.
         */
        clientUrl: z.optional(httpUrl()),
        /** How accounts are created: shared-secret registration, or the v2 admin user API plus a login. */
        mode: z.enum(['shared_secret', 'admin_api']),
        /** How long one call to the homeserver may take before the client is told to retry. */
        timeoutMs: z._default(integer(100, 60_000), 10_000),
        /**
         * A header the homeserver's CDN or proxy requires on `/_synapse/admin/` calls (docs/deploy.md); its value
         * is `homeserverHeaderValue` in the Homeserver secret.
         */
        adminHeader: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name'))),
      }),
      registration: z.strictObject({
        enabled: z._default(z.boolean(), true),
        /** Each flow is the list of stages a client completes, in the order they are advertised. */
        flows: z.array(z.array(z.enum(LoginType)).check(z.minLength(1))).check(z.minLength(1)),
        sessionLifetimeSeconds: z._default(integer(60, 7 * 24 * 3600), 3600),
      }),
      username: z._default(
        z.strictObject({
          /** Localparts nobody may register, in addition to the grammar's own reservations. */
          reserved: localpartList(),
          /**
           * How long a first call holds its name before a stage is passed; after that, the name is held for
           * the session's life. Short, so that nobody can sit on names they never sign up with.
           */
          holdSeconds: z._default(integer(30, 24 * 3600), 600),
          /** New name holds one client IP may make within `holdSeconds`. */
          holdsPerClientIp: z._default(integer(1, 1_000_000), 10),
        }),
        { reserved: [], holdSeconds: 600, holdsPerClientIp: 10 },
      ),
      password: z._default(
        z
          .strictObject({ minLength: z._default(integer(1, 512), 8), maxLength: z._default(integer(1, 512), 512) })
          .check(z.refine((p) => p.minLength <= p.maxLength, 'minLength must not exceed maxLength')),
        { minLength: 8, maxLength: 512 },
      ),
      terms: z.optional(termsConfigSchema()),
      /** Email and phone verification (requestToken, submit_token, the 3PID stages). */
      threepid: z.optional(threepidConfigSchema()),
      /** Gating (docs/gating.md): sign-up policy, captcha, rate limits, the send gate, the client IP source. */
      signup: z.optional(signupPolicySchema()),
      captcha: z.optional(captchaConfigSchema()),
      rateLimits: z.optional(rateLimitsConfigSchema()),
      gate: z.optional(gateConfigSchema()),
      clientIp: z.optional(clientIpConfigSchema()),
      /** The hosted sign-up page (docs: issue 14): off unless configured. */
      pages: z.optional(pagesConfigSchema()),
      /** Password reset by email or phone (`/account/password`, and the hosted page with `pages`): off unless configured. */
      recovery: z.optional(recoveryConfigSchema()),
      /** Terms acceptance records and the operator audit log: their retention (docs: issue 16). */
      records: z._default(recordsConfigSchema(), DEFAULT_RECORDS),
      /** Sign-up events to an EventBridge bus and/or a signed webhook, delivered at least once. */
      events: z.optional(eventsConfigSchema()),
      /** After an account is made: rooms it joins (and its display name, when the sign-up gave one). */
      onboarding: z.optional(onboardingConfigSchema()),
      /** The approval queue: which finished sign-ups wait for an operator (docs: issue 16). */
      approval: z.optional(approvalConfigSchema()),
      /** A signed HTTPS call to the tenant before each account is made: allow, deny, queue or enrich. */
      decisionHook: z.optional(decisionHookConfigSchema()),
      /** Sign-up counters in the table, the SMS price for spend estimates, npm start's funnel summary (issue 17). */
      observability: z._default(observabilityConfigSchema(), DEFAULT_OBSERVABILITY),
      cors: z._default(z.strictObject({ allowedOrigins: z._default(z.array(z.string()), ['*']) }), { allowedOrigins: ['*'] }),
      /** The DynamoDB table that holds this tenant's sessions (the deployment names it). */
      tableName: z._default(z.string().check(z.minLength(3), z.maxLength(255)), 'front-door'),
      port: z._default(integer(0, 65535), 8080),
    })
    .check(
      z.refine((c) => !c.recovery || c.threepid?.email || c.threepid?.msisdn, {
        message: 'recovery needs threepid.email or threepid.msisdn: a password is reset through a verified address',
        path: ['recovery'],
      }),
    );

/**
 * Built at its first use, not at load, as are the sections' schemas (each module exports a function that builds
 * its own): a cold start that takes the stack's checked config (config/checked-config.ts) builds none (~7 ms).
 */
let built: ReturnType<typeof buildTenantConfigSchema> | undefined;
export const tenantConfigSchema = () => {
  built ??= buildTenantConfigSchema();
  return built;
};

export type TenantConfig = z.infer<ReturnType<typeof buildTenantConfigSchema>>;

type Env = Record<string, string | undefined>;

/** Overlays the environment variables an operator may set instead of editing the file. */
export function applyEnvOverrides(raw: unknown, env: Env): unknown {
  const config = structuredClone((raw ?? {}) as Record<string, any>);
  if (env.HOMESERVER_URL) config.homeserver = { ...config.homeserver, url: env.HOMESERVER_URL };
  if (env.SERVER_NAME) config.serverName = env.SERVER_NAME;
  if (env.PORT) config.port = Number(env.PORT);
  if (env.TABLE_NAME) config.tableName = env.TABLE_NAME;
  return config;
}

/** Parses a config object; every problem is named with its path, and all are reported at once. */
export function parseTenantConfig(raw: unknown): TenantConfig {
  // Parsed once per process: zod's compiled fast path (built on first parse, for repeated parses) would cost
  // a cold start more than it saves (measured: ~3.5 ms jitless against ~7–12 ms with it).
  const result = tenantConfigSchema().safeParse(raw, { jitless: true, error: englishMessages });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return withPageNextLink(result.data);
}

/**
 * The sign-up page's mail link returns to the page itself: when the tenant limits `next_link` hosts, the
 * page's own host is allowed too, so every part (requestToken, submit_token) agrees on it. Written as the
 * schema writes a domain, so that parsing the config again gives the same config.
 */
function withPageNextLink(config: TenantConfig): TenantConfig {
  const domains = config.threepid?.nextLinkDomains;
  const base = config.pages?.publicBaseUrl ?? config.threepid?.publicBaseUrl;
  if (!config.pages || !domains || !base) return config;
  const host = domainName(new URL(base).hostname);
  if (!host || domains.includes(host)) return config;
  return { ...config, threepid: { ...config.threepid!, nextLinkDomains: [...domains, host] } };
}

export function readConfigFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${path}: ${(error as Error).message}`]);
  }
}
