/**
 * Wires the front door from a tenant config, its secrets and the clients an entry point made: all of it
 * (tests, `npm start`), or one part per Lambda, each built from only what that part may hold.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Hono } from 'hono';
import { createApp, matrixApi, mountPages, mountRegister, mountRequestToken } from '../http/app.js';
import { CLIENT_PREFIXES } from '../http/route-table.js';
import {
  accountLimits,
  gatingForAccount,
  gatingForAdmin,
  gatingForPages,
  gatingForRegister,
  gatingForRequestToken,
  gatingForChecks,
  gatingForMeter,
  type GatingBase,
  registerItemKeepSeconds,
} from './gating.js';
import { mountGatingMiddleware, mountGatingRoutes, type GatingMount } from '../http/mount.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import { AdminApiHomeserver } from '../adapters/synapse/admin-api.js';
import { tenantHomeserverHttp } from './homeserver-http.js';
import { homeserverClientProxy } from '../adapters/synapse/client-proxy.js';
import { SharedSecretHomeserver } from '../adapters/synapse/shared-secret.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { probeHomeserver } from '../adapters/synapse/capabilities-probe.js';
import {
  systemClock,
  type Clock,
  type Homeserver,
  type HomeserverCapabilities,
  type HomeserverClientProxy,
  type Mailer,
  type SendGuard,
  type SmsSender,
} from '../ports/index.js';
import { AccountCreator } from '../uia/account-creation.js';
import { IdentityPolicy } from '../uia/identity.js';
import { NameHolds } from '../uia/name-holds.js';
import { Registration } from '../uia/engine.js';
import { SessionHints } from '../uia/session-hints.js';
import { submitTokenRoutes, type RequestTokenRouteDeps, type SubmitTokenRouteDeps } from '../http/routes/threepid.js';
import { DynamoAddressClaims } from '../adapters/dynamodb/address-claims.js';
import { DynamoRateLimiter } from '../adapters/dynamodb/rate-limiter.js';
import { DynamoSessionStore } from '../adapters/dynamodb/session-store.js';
import { DynamoThreepidStore } from '../adapters/dynamodb/threepid-store.js';
import { fitToHomeserver } from './homeserver-support.js';
import { TokenRequests } from '../threepid/request-token.js';
import { TokenSubmissions } from '../threepid/submit-token.js';
import { flowSetFromConfig } from './flows.js';
import { identitySettings } from './identity.js';
import { verificationMessages } from '../web/messages.js';
import { LANGUAGE_TAGS } from '../model/language-tags.js';
import { SignupCookies } from '../http/signup-state.js';
import type { SignupRouteDeps } from '../http/routes/signup-deps.js';
import { mountRecovery } from '../http/mount-recovery.js';
import { mountRecoveryApi } from '../http/mount-recovery-api.js';
import { buildPasswordReset, recoveryForRegister, resetRequestDeps } from './recovery.js';
import { mountAccountRoutes } from '../http/routes/account-threepid.js';
import { accountAddApp, accountPassThroughApp, accountRequestTokenApp } from './account-threepids.js';
import { operatorRecords, type Records, recordsFor } from './records.js';
import { busSinkFor } from './event-bridge.js';
import { outboxMailer } from '../records/outbox-mailer.js';
import { approvalGate, approvalOperatorMount } from './approvals.js';
import { consoleMount } from './console.js';
import type { Approvals } from '../uia/approvals.js';
import type { OperatorCredential } from '../http/routes/operator-auth.js';
import { namedOperatorKeys } from './tenant-secrets.js';
import { signupsMayWait } from '../policy/approval-settings.js';
import { ConfigError } from '../model/config-error.js';
import { observabilityFor, withOperatorObservability } from './observability.js';
import type { Metrics } from '../ports/metrics.js';

/** What every part needs: the config, the table's client, and optionally a clock and a logger. */
export interface TableParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock?: Clock;
  log?: Logger;
}

export interface FrontDoorParts extends TableParts {
  secrets: TenantSecrets;
  mailer?: Mailer;
  sms?: SmsSender;
  fetch?: typeof fetch;
  /** What the start-up probe found (see `prepareFrontDoor`); without it lookups are simply tried. */
  capabilities?: HomeserverCapabilities;
  /**
   * Where sign-up events go on EventBridge (`npm start`: the local receiver); the SDK's default client
   * otherwise. The register API never puts them itself: its bus deliveries wait in the outbox for the sweep.
   */
  eventBridge?: EventBridgeClient;
}

/** Who owns an address: the homeserver itself, or (in AWS) the internal lookup function asked on its behalf. */
export type ThreepidOwnerLookup = Pick<Homeserver, 'findUserByThreepid'>;

export function buildHomeserver(config: TenantConfig, secrets: TenantSecrets, fetchImpl?: typeof fetch, metrics?: Metrics): Homeserver {
  const observe = metrics && ((ms: number, failed: boolean) => metrics.record({ metric: 'HomeserverCall', ms, failed }));
  const http = tenantHomeserverHttp(config, secrets, fetchImpl, observe);
  return config.homeserver.mode === 'shared_secret'
    ? new SharedSecretHomeserver(http, secrets.registrationSharedSecret!, secrets.homeserverAdminToken)
    : new AdminApiHomeserver(http, secrets.homeserverAdminToken!, config.serverName);
}

/** The pass-through to the homeserver's client API (no credential: it forwards the client's own). */
export function buildHomeserverProxy(config: TenantConfig, fetchImpl?: typeof fetch): HomeserverClientProxy {
  return homeserverClientProxy(config.homeserver.url, config.homeserver.timeoutMs, fetchImpl);
}

/**
 * The pass-through of the parts that call nothing but the client API (checks, the senders): at
 * `homeserver.clientUrl` when given, so they can run outside the network the admin API is reached in.
 */
export function buildClientOnlyProxy(config: TenantConfig, fetchImpl?: typeof fetch): HomeserverClientProxy {
  return homeserverClientProxy(config.homeserver.clientUrl ?? config.homeserver.url, config.homeserver.timeoutMs, fetchImpl);
}

/**
 * Start-up: asks the homeserver what it can do (once, when the tenant verifies addresses) and fits the
 * config to it. A ConfigError when nothing the tenant configured can be offered.
 */
export async function homeserverFit(
  config: TenantConfig,
  secrets: TenantSecrets,
  log: Logger,
  fetchImpl?: typeof fetch,
): Promise<{ config: TenantConfig; capabilities: HomeserverCapabilities }> {
  if (!config.threepid || !secrets.homeserverAdminToken) return { config, capabilities: { threepidLookup: 'unknown' } };
  const capabilities = await probeHomeserver(tenantHomeserverHttp(config, secrets, fetchImpl), secrets.homeserverAdminToken);
  return { config: fitToHomeserver(config, capabilities, log), capabilities };
}

/** The whole front door after the start-up check of the homeserver (`npm start`, the single-function Lambda). */
export async function prepareFrontDoor(parts: FrontDoorParts): Promise<{ app: Hono; config: TenantConfig }> {
  const log = parts.log ?? jsonLogger();
  const { config, capabilities } = await homeserverFit(parts.config, parts.secrets, log, parts.fetch);
  return { app: buildFrontDoor({ ...parts, config, capabilities, log }), config };
}

/** The whole front door in one app (tests, `npm start`). */
export function buildFrontDoor(parts: FrontDoorParts): Hono {
  const observed = observabilityFor(parts);
  const homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch, observed.metrics);
  const records = recordsFor({ ...parts, bus: busSinkFor(parts), log: parts.log ?? jsonLogger() });
  const { gating, creationHooks, ...registration } = registerDeps(parts, homeserver, records);
  const base = gatingBase(parts, parts.secrets.encryptionKey);
  const sending = gatingForRequestToken(base);
  const threepid = parts.config.threepid
    ? {
        ...requestTokenDeps(parts, parts.secrets.encryptionKey, homeserver, sending.guard, parts.capabilities),
        ...submitTokenDeps(parts, parts.secrets.encryptionKey),
      }
    : undefined;
  const log = parts.log ?? jsonLogger();
  const signup = signupDeps(parts, registration.registration, threepid);
  const operatorKeys = namedOperatorKeys(parts.secrets.operatorKey, parts.secrets.operatorKeys);
  const operator = gatingForAdmin(base, operatorKeys, log, withOperatorObservability(parts, operatorRecords(records, parts.clock)));
  // Decisions on waiting sign-ups make accounts: they live where the homeserver credential is.
  const approvalsMount = registration.registration.hasApprovals
    ? approvalOperatorMount({
        ...approvalParts(parts, records),
        registration: registration.registration,
        hooks: creationHooks,
        audit: records.audit,
        operatorKeys,
      })
    : { middleware: [], routes: [] };
  const operatorConsole = consoleMount({
    ...parts,
    clock: parts.clock ?? systemClock,
    log,
    encryptionKey: parts.secrets.encryptionKey,
    operatorKeys,
    records,
    approvals: 'approvals' in approvalsMount ? approvalsMount.approvals : undefined,
  });
  // One app holds every part: the register part's middleware (IP deny, limits) serves them all.
  const routesOnly = (mount: GatingMount): GatingMount => ({ ...mount, middleware: [] });
  const proxy = buildHomeserverProxy(parts.config, parts.fetch);
  const account = [
    ...(threepid ? [accountRequestTokenApp(proxy, threepid, parts.config)] : []),
    accountAddApp(parts, proxy),
    accountPassThroughApp(proxy),
  ];
  const recovery = recoveryForRegister(parts, buildPasswordReset(parts, homeserver), proxy, threepid);
  const resetRequests = threepid && resetRequestDeps(parts.config, threepid.requests, proxy, threepid.messageLanguages);
  return createApp({
    ...registration,
    switches: observed.switches,
    metrics: observed.flush,
    signup,
    threepid,
    account,
    recovery: { ...recovery, requests: resetRequests },
    log,
    gating: [
      // The pages' own refusals (a page, not JSON) before the API's, as in the pages part.
      gatingForPages(base, CLIENT_PREFIXES),
      gating,
      // The account part's limit (its IP deny is the register part's, above).
      { middleware: accountLimits(base, CLIENT_PREFIXES), routes: [] },
      routesOnly(sending.mount),
      routesOnly(gatingForChecks(base)),
      routesOnly(gatingForMeter(base)),
      approvalsMount,
      operator,
      operatorConsole,
    ],
  });
}

/** `/register` and `/register/available`: the API that creates accounts (with the pages part, the only holder of the homeserver credential). */
export function buildRegisterApi(
  parts: FrontDoorParts,
  homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch, observabilityFor(parts).metrics),
): Hono {
  const observed = observabilityFor(parts);
  // No EventBridge client here (a smaller bundle, a faster cold start): the sweep puts this part's bus events.
  const records = recordsFor({ ...parts, log: parts.log ?? jsonLogger() });
  // Nor a mail client: without one given, the operators' notice of a waiting sign-up is kept for the sweep to mail.
  const mailer = parts.mailer ?? keptNotices(parts, records);
  const { gating, ...deps } = registerDeps({ ...parts, ...(mailer ? { mailer } : {}) }, homeserver, records);
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, gating);
      mountRegister(app, { ...deps, switches: observed.switches });
    },
    observed.flush,
  );
}

/**
 * What a signed-up account asks with the admin token: `/account/password` (a reset; passed through without
 * `recovery`, its page is the pages part's) and `/account/3pid/add`. A part of its own (issue 18): the
 * register part's cold start need not load the reset engine and the address binding.
 */
export function buildAccountApi(
  parts: FrontDoorParts,
  homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch, observabilityFor(parts).metrics),
): Hono {
  const proxy = buildHomeserverProxy(parts.config, parts.fetch);
  const add = accountAddApp(parts, proxy);
  const { password } = recoveryForRegister(parts, buildPasswordReset(parts, homeserver), proxy);
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, gatingForAccount(gatingBase(parts, parts.secrets.encryptionKey), CLIENT_PREFIXES));
      mountRecoveryApi(app, { password });
      mountAccountRoutes(app, [add]);
    },
    observabilityFor(parts).flush,
  );
}

/** The outbox as the operators' mailer, when the tenant mails operators (from its `threepid.email` address). */
function keptNotices(parts: FrontDoorParts, records: Records): Mailer | undefined {
  const { config } = parts;
  if (!config.approval?.operatorEmails.length || !config.threepid?.email) return undefined;
  return outboxMailer(records.outbox, keyedHash(parts.secrets.encryptionKey));
}

/**
 * The pages a person sees: the UIA fallback pages, the hosted sign-up page and the "Forgot password" page.
 * They run stages through the engine, the sign-up page finishes sign-ups and the reset page sets passwords,
 * so this part holds what the register part holds.
 */
export function buildPagesApi(
  parts: FrontDoorParts,
  homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch, observabilityFor(parts).metrics),
): Hono {
  const observed = observabilityFor(parts);
  const records = recordsFor({ ...parts, bus: busSinkFor(parts), log: parts.log ?? jsonLogger() });
  const { gating: _api, ...deps } = registerDeps(parts, homeserver, records);
  // The pages' email and phone steps send through this part's own senders.
  const threepid =
    parts.config.pages && parts.config.threepid
      ? {
          ...requestTokenDeps(
            parts,
            parts.secrets.encryptionKey,
            homeserver,
            gatingForRequestToken(gatingBase(parts, parts.secrets.encryptionKey)).guard,
            parts.capabilities,
          ),
          ...submitTokenDeps(parts, parts.secrets.encryptionKey),
        }
      : undefined;
  const signup = signupDeps(parts, deps.registration, threepid);
  // The "Forgot password" page sets the password with the admin token, as `/account/password` does.
  const recovery = recoveryForRegister(
    parts,
    buildPasswordReset(parts, homeserver),
    buildHomeserverProxy(parts.config, parts.fetch),
    threepid,
  );
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, gatingForPages(gatingBase(parts, parts.secrets.encryptionKey), CLIENT_PREFIXES));
      mountPages(app, { ...deps, signup, switches: observed.switches });
      mountRecovery(app, { page: recovery.page });
    },
    observed.flush,
  );
}

/** The sign-up page's parts, when the tenant configures `pages`: its state is sealed with the tenant key. */
function signupDeps(
  parts: TableParts & { secrets: TenantSecrets },
  registration: Registration,
  threepid?: Partial<RequestTokenRouteDeps & SubmitTokenRouteDeps>,
): SignupRouteDeps | undefined {
  const { config } = parts;
  if (!config.pages) return undefined;
  const key = parts.secrets.encryptionKey;
  const cookies = new SignupCookies(aesGcmSecretBox(key), keyedHash(key), config.pages.path, config.registration.sessionLifetimeSeconds);
  const switches = observabilityFor(parts).switches;
  return { config, pages: config.pages, registration, cookies, requests: threepid?.requests, submissions: threepid?.submissions, switches };
}

/** `requestToken` (email, phone, or both): needs the key for hashing, a sender, and an owner lookup. */
export function buildRequestTokenApi(
  parts: TableParts & {
    encryptionKey: Buffer;
    lookup: ThreepidOwnerLookup;
    mailer?: Mailer;
    sms?: SmsSender;
    capabilities?: HomeserverCapabilities;
    fetch?: typeof fetch;
    /** The number-type check (threepid/mobile-number.ts): only the sms entry loads its metadata. */
    isMobile?: (e164: string) => boolean;
  },
): Hono {
  const sending = gatingForRequestToken(gatingBase(parts, parts.encryptionKey));
  const deps = parts.config.threepid
    ? requestTokenDeps(parts, parts.encryptionKey, parts.lookup, sending.guard, parts.capabilities)
    : undefined;
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, sending.mount);
      if (deps) mountRequestToken(app, deps);
      const proxy = buildClientOnlyProxy(parts.config, parts.fetch);
      if (deps) mountRecoveryApi(app, { requests: resetRequestDeps(parts.config, deps.requests, proxy, deps.messageLanguages) });
      if (deps) mountAccountRoutes(app, [accountRequestTokenApp(proxy, deps, parts.config)]);
    },
    observabilityFor(parts).flush,
  );
}

/**
 * What needs only the table and the key for hashing: the submit_token endpoints and the registration
 * token validity check. (The auth fallback pages run stages, so they live with /register.)
 */
export function buildChecksApi(parts: TableParts & { encryptionKey: Buffer; fetch?: typeof fetch }): Hono {
  const deps = parts.config.threepid ? submitTokenDeps(parts, parts.encryptionKey) : undefined;
  const gating = gatingForChecks(gatingBase(parts, parts.encryptionKey));
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, gating);
      if (deps) app.route('/', submitTokenRoutes(deps));
      mountAccountRoutes(app, [accountPassThroughApp(buildClientOnlyProxy(parts.config, parts.fetch))]);
      mountGatingRoutes(app, gating);
    },
    observabilityFor(parts).flush,
  );
}

/** The sign-up page's strength meter: zxcvbn-ts's word lists, the tenant's password rules and the table (per-IP limit). */
export function buildMeterApi(parts: TableParts & { encryptionKey: Buffer }): Hono {
  const gating = gatingForMeter(gatingBase(parts, parts.encryptionKey));
  return matrixApi(
    parts.config,
    parts.log ?? jsonLogger(),
    (app) => {
      mountGatingMiddleware(app, gating);
      mountGatingRoutes(app, gating);
    },
    observabilityFor(parts).flush,
  );
}

/** What the admin part holds when the tenant's sign-ups may wait: approving makes the account and tells the person. */
export interface AdminApprovalParts {
  /** The homeserver credential (and the decision hook's and captcha's secrets), as the register part loads them. */
  secrets: TenantSecrets;
  mailer?: Mailer;
  sms?: SmsSender;
}

/**
 * The operator API under `/_front_door/admin` (registration tokens, records; decisions on waiting sign-ups):
 * the only part that holds the operator key.
 */
export function buildAdminApi(
  parts: TableParts & {
    operatorKey: string | OperatorCredential[];
    encryptionKey: Buffer;
    eventsWebhookSecret?: string;
    fetch?: typeof fetch;
    /** Required when the tenant's sign-ups may wait for approval (signupsMayWait), and only then used. */
    approvals?: AdminApprovalParts;
  },
): Hono {
  const keys = typeof parts.operatorKey === 'string' ? namedOperatorKeys(parts.operatorKey) : parts.operatorKey;
  if (keys.length === 0 || keys.some((k) => k.key.length < 16)) throw new Error('every operator key must be at least 16 characters');
  const log = parts.log ?? jsonLogger();
  const mayWait = signupsMayWait(parts.config);
  if (mayWait && !parts.approvals)
    throw new ConfigError(['the operator API decides waiting sign-ups ("approval" or "decisionHook"): it needs the homeserver credential']);
  const waiting = mayWait ? parts.approvals : undefined;
  // The admin part delivers events (an operator's decisions, retries); it holds the homeserver credential only to approve.
  const records = recordsFor({
    ...parts,
    bus: busSinkFor(parts),
    log,
    secrets: waiting?.secrets ?? { eventsWebhookSecret: parts.eventsWebhookSecret },
  });
  // Tokens are found by keyed hash and kept sealed under the tenant key.
  const gating = gatingForAdmin(
    gatingBase(parts, parts.encryptionKey),
    keys,
    log,
    withOperatorObservability(parts, operatorRecords(records, parts.clock)),
  );
  const decisions = waiting && adminApprovals({ ...parts, ...waiting, log }, keys, records);
  const clock = parts.clock ?? systemClock;
  const operatorConsole = consoleMount({
    ...parts,
    clock,
    log,
    operatorKeys: keys,
    records,
    approvals: decisions ? decisions.approvals : undefined,
  });
  // Its events too (an approved sign-up's account completes the funnel; the console's refused sign-ins).
  return matrixApi(
    parts.config,
    log,
    (app) => {
      mountGatingRoutes(app, decisions);
      mountGatingRoutes(app, gating);
      mountGatingRoutes(app, operatorConsole);
    },
    observabilityFor(parts).flush,
  );
}

/** The decisions on waiting sign-ups, over the same engine and exactly-once creation as the register part's. */
function adminApprovals(
  parts: TableParts & AdminApprovalParts & { fetch?: typeof fetch },
  operatorKeys: OperatorCredential[],
  records: Records,
): GatingMount & { approvals: Approvals } {
  const homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch);
  const { registration, creationHooks } = registerDeps(parts, homeserver, records);
  return approvalOperatorMount({
    ...approvalParts(parts, records),
    registration,
    hooks: creationHooks,
    audit: records.audit,
    operatorKeys,
  });
}

function registerDeps(
  parts: TableParts & { secrets: TenantSecrets; fetch?: typeof fetch; mailer?: Mailer; sms?: SmsSender },
  homeserver: Homeserver,
  records: Records,
) {
  const { config, secrets, dynamo } = parts;
  const clock = parts.clock ?? systemClock;
  const store = new DynamoSessionStore(dynamo, config.tableName);
  const box = aesGcmSecretBox(secrets.encryptionKey);
  const threepids = new DynamoThreepidStore(dynamo, config.tableName);
  const identity = new IdentityPolicy(identitySettings(config), homeserver);
  const gating = gatingForRegister(gatingBase(parts, secrets.encryptionKey), secrets, CLIENT_PREFIXES, parts.fetch);
  const registration = new Registration({
    store,
    box,
    clock,
    flows: flowSetFromConfig(config, { threepids, hasher: keyedHash(secrets.encryptionKey), ...gating.stageDeps }),
    // The token's use first, then the terms record (before) and the event and onboarding (after).
    hooks: [...gating.hooks, ...records.hooks],
    approvals: approvalGate(approvalParts(parts, records)),
    identity,
    creator: new AccountCreator(homeserver, box, config.serverName, config.threepid, {
      store: new DynamoAddressClaims(dynamo, config.tableName),
      clock,
    }),
    sessionLifetimeMs: config.registration.sessionLifetimeSeconds * 1000,
    metrics: observabilityFor(parts).metrics,
    hints: new SessionHints(),
    // Long enough for the slowest creation: adopting an account after a lost answer makes up to seven
    // homeserver calls (see homeserver/adoption.ts), after the re-check of up to two addresses; the decision
    // hook is asked under the same lease, before them.
    creationLeaseMs: 9 * config.homeserver.timeoutMs + (config.decisionHook?.timeoutMs ?? 0) + 2000,
    holds: new NameHolds(new DynamoRateLimiter(dynamo, config.tableName), keyedHash(secrets.encryptionKey), {
      holdMs: config.username.holdSeconds * 1000,
      perClientIp: config.username.holdsPerClientIp,
      keepSeconds: registerItemKeepSeconds(config),
    }),
  });
  return { config, registration, gating: gating.mount, creationHooks: [...gating.hooks, ...records.hooks] };
}

/** What the approval queue and the decision hook are built from. */
function approvalParts(
  parts: TableParts & { secrets: TenantSecrets; fetch?: typeof fetch; mailer?: Mailer; sms?: SmsSender },
  records: Records,
) {
  const { secrets } = parts;
  return {
    ...parts,
    clock: parts.clock ?? systemClock,
    log: parts.log ?? jsonLogger(),
    encryptionKey: secrets.encryptionKey,
    decisionHookSecret: secrets.decisionHookSecret,
    events: records.events,
    terms: records.terms,
  };
}

/** What both 3PID parts share: the validation sessions in the table, keyed by hash. */
function threepidCore(parts: TableParts, encryptionKey: Buffer) {
  const { config, dynamo } = parts;
  return {
    config: config.threepid!,
    store: new DynamoThreepidStore(dynamo, config.tableName),
    hasher: keyedHash(encryptionKey),
    clock: parts.clock ?? systemClock,
  };
}

function requestTokenDeps(
  parts: TableParts & { mailer?: Mailer; sms?: SmsSender; isMobile?: (e164: string) => boolean },
  encryptionKey: Buffer,
  lookup: ThreepidOwnerLookup,
  guard?: SendGuard,
  capabilities?: HomeserverCapabilities,
): RequestTokenRouteDeps {
  const { config, dynamo } = parts;
  const observed = observabilityFor(parts);
  return {
    registrationEnabled: config.registration.enabled,
    switches: observed.switches,
    messageLanguages: config.pages && (config.pages.languages ?? LANGUAGE_TAGS),
    requests: new TokenRequests({
      ...threepidCore(parts, encryptionKey),
      limiter: new DynamoRateLimiter(dynamo, config.tableName),
      homeserver: lookup,
      messages: verificationMessages,
      mailer: parts.mailer,
      sms: parts.sms,
      guard,
      capabilities,
      ...(parts.isMobile ? { isMobile: parts.isMobile } : {}),
      switches: observed.switches,
      metrics: observed.metrics,
      smsPriceUsd: observed.smsPriceUsd,
    }),
  };
}

function submitTokenDeps(parts: TableParts, encryptionKey: Buffer): SubmitTokenRouteDeps {
  const core = threepidCore(parts, encryptionKey);
  return { config: core.config, submissions: new TokenSubmissions(core) };
}

function gatingBase(parts: TableParts & { fetch?: typeof fetch }, encryptionKey: Buffer): GatingBase {
  return { config: parts.config, dynamo: parts.dynamo, clock: parts.clock ?? systemClock, encryptionKey };
}
