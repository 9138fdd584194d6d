/**
 * Wires the front door from a tenant config, its secrets and the clients an entry point made: all of it
 * (tests, `npm start`), or one part per Lambda, each built from only what that part may hold.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { createApp, matrixApi, mountPages, mountRegister, mountRequestToken } from '../http/app.js';
import { CLIENT_PREFIXES } from '../http/route-table.js';
import {
  gatingForAdmin,
  gatingForPages,
  gatingForRegister,
  gatingForRequestToken,
  gatingForChecks,
  gatingForMeter,
  type GatingBase,
} from './gating.js';
import { mountGatingMiddleware, mountGatingRoutes, type GatingMount } from '../http/mount.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import { AdminApiHomeserver } from '../adapters/synapse/admin-api.js';
import { homeserverHttp } from '../adapters/synapse/http-client.js';
import { SharedSecretHomeserver } from '../adapters/synapse/shared-secret.js';
import { jsonLogger, type Logger } from '../model/log.js';
import { probeHomeserver } from '../adapters/synapse/capabilities-probe.js';
import {
  systemClock,
  type Clock,
  type Homeserver,
  type HomeserverCapabilities,
  type Mailer,
  type SendGuard,
  type SmsSender,
} from '../ports/index.js';
import { AccountCreator } from '../uia/account-creation.js';
import { IdentityPolicy } from '../uia/identity.js';
import { NameHolds } from '../uia/name-holds.js';
import { Registration } from '../uia/engine.js';
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
import { CATALOGUES } from '../web/i18n/pick-language.js';
import { verificationMessages } from '../web/messages.js';
import { SignupCookies } from '../http/signup-state.js';
import type { SignupRouteDeps } from '../http/routes/signup-deps.js';

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
}

/** Who owns an address: the homeserver itself, or (in AWS) the register function asked on its behalf. */
export type ThreepidOwnerLookup = Pick<Homeserver, 'findUserByThreepid'>;

export function buildHomeserver(config: TenantConfig, secrets: TenantSecrets, fetchImpl?: typeof fetch): Homeserver {
  const http = homeserverHttp(config.homeserver.url, config.homeserver.timeoutMs, fetchImpl);
  return config.homeserver.mode === 'shared_secret'
    ? new SharedSecretHomeserver(http, secrets.registrationSharedSecret!, secrets.homeserverAdminToken)
    : new AdminApiHomeserver(http, secrets.homeserverAdminToken!, config.serverName);
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
  const capabilities = await probeHomeserver(
    homeserverHttp(config.homeserver.url, config.homeserver.timeoutMs, fetchImpl),
    secrets.homeserverAdminToken,
  );
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
  const homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch);
  const { gating, ...registration } = registerDeps(parts, homeserver);
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
  const operator = gatingForAdmin(base, parts.secrets.operatorKey, log);
  // One app holds every part: the register part's middleware (IP deny, limits) serves them all.
  const routesOnly = (mount: GatingMount): GatingMount => ({ ...mount, middleware: [] });
  return createApp({
    ...registration,
    signup,
    threepid,
    log,
    gating: [
      // The pages' own refusals (a page, not JSON) before the API's, as in the pages part.
      gatingForPages(base, CLIENT_PREFIXES),
      gating,
      routesOnly(sending.mount),
      routesOnly(gatingForChecks(base)),
      routesOnly(gatingForMeter(base)),
      operator,
    ],
  });
}

/** `/register` and `/register/available`: the API that creates accounts (with the pages part, the only holder of the homeserver credential). */
export function buildRegisterApi(parts: FrontDoorParts, homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch)): Hono {
  const { gating, ...deps } = registerDeps(parts, homeserver);
  return matrixApi(parts.config, parts.log ?? jsonLogger(), (app) => {
    mountGatingMiddleware(app, gating);
    mountRegister(app, deps);
  });
}

/**
 * The pages a person sees: the UIA fallback pages and the hosted sign-up page. Both run stages through the
 * engine and the sign-up page finishes sign-ups, so this part holds what the register part holds.
 */
export function buildPagesApi(parts: FrontDoorParts, homeserver = buildHomeserver(parts.config, parts.secrets, parts.fetch)): Hono {
  const { gating: _api, ...deps } = registerDeps(parts, homeserver);
  // The sign-up page's email and phone steps send through this part's own senders.
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
  return matrixApi(parts.config, parts.log ?? jsonLogger(), (app) => {
    mountGatingMiddleware(app, gatingForPages(gatingBase(parts, parts.secrets.encryptionKey), CLIENT_PREFIXES));
    mountPages(app, { ...deps, signup });
  });
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
  return { config, pages: config.pages, registration, cookies, requests: threepid?.requests, submissions: threepid?.submissions };
}

/** `requestToken` (email, phone, or both): needs the key for hashing, a sender, and an owner lookup. */
export function buildRequestTokenApi(
  parts: TableParts & {
    encryptionKey: Buffer;
    lookup: ThreepidOwnerLookup;
    mailer?: Mailer;
    sms?: SmsSender;
    capabilities?: HomeserverCapabilities;
  },
): Hono {
  const sending = gatingForRequestToken(gatingBase(parts, parts.encryptionKey));
  const deps = parts.config.threepid
    ? requestTokenDeps(parts, parts.encryptionKey, parts.lookup, sending.guard, parts.capabilities)
    : undefined;
  return matrixApi(parts.config, parts.log ?? jsonLogger(), (app) => {
    mountGatingMiddleware(app, sending.mount);
    if (deps) mountRequestToken(app, deps);
  });
}

/**
 * What needs only the table and the key for hashing: the submit_token endpoints and the registration
 * token validity check. (The auth fallback pages run stages, so they live with /register.)
 */
export function buildChecksApi(parts: TableParts & { encryptionKey: Buffer }): Hono {
  const deps = parts.config.threepid ? submitTokenDeps(parts, parts.encryptionKey) : undefined;
  const gating = gatingForChecks(gatingBase(parts, parts.encryptionKey));
  return matrixApi(parts.config, parts.log ?? jsonLogger(), (app) => {
    mountGatingMiddleware(app, gating);
    if (deps) app.route('/', submitTokenRoutes(deps));
    mountGatingRoutes(app, gating);
  });
}

/** The sign-up page's strength meter: zxcvbn-ts's word lists, the tenant's password rules and the table (per-IP limit). */
export function buildMeterApi(parts: TableParts & { encryptionKey: Buffer }): Hono {
  const gating = gatingForMeter(gatingBase(parts, parts.encryptionKey));
  return matrixApi(parts.config, parts.log ?? jsonLogger(), (app) => {
    mountGatingMiddleware(app, gating);
    mountGatingRoutes(app, gating);
  });
}

/** The operator API under `/_front_door/admin` (registration tokens): the only part that holds the operator key. */
export function buildAdminApi(parts: TableParts & { operatorKey: string; encryptionKey: Buffer }): Hono {
  if (parts.operatorKey.length < 16) throw new Error('the operator key must be at least 16 characters');
  const log = parts.log ?? jsonLogger();
  // Tokens are found by keyed hash and kept sealed under the tenant key.
  const gating = gatingForAdmin(gatingBase(parts, parts.encryptionKey), parts.operatorKey, log);
  return matrixApi(parts.config, log, (app) => mountGatingRoutes(app, gating));
}

function registerDeps(parts: TableParts & { secrets: TenantSecrets; fetch?: typeof fetch }, homeserver: Homeserver) {
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
    hooks: gating.hooks,
    identity,
    creator: new AccountCreator(homeserver, box, config.serverName, config.threepid, {
      store: new DynamoAddressClaims(dynamo, config.tableName),
      clock,
    }),
    sessionLifetimeMs: config.registration.sessionLifetimeSeconds * 1000,
    // Long enough for the slowest creation: adopting an account after a lost answer makes up to seven
    // homeserver calls (see homeserver/adoption.ts), after the re-check of up to two addresses.
    creationLeaseMs: 9 * config.homeserver.timeoutMs + 2000,
    holds: new NameHolds(new DynamoRateLimiter(dynamo, config.tableName), keyedHash(secrets.encryptionKey), {
      holdMs: config.username.holdSeconds * 1000,
      perClientIp: config.username.holdsPerClientIp,
    }),
  });
  return { config, registration, gating: gating.mount };
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
  parts: TableParts & { mailer?: Mailer; sms?: SmsSender },
  encryptionKey: Buffer,
  lookup: ThreepidOwnerLookup,
  guard?: SendGuard,
  capabilities?: HomeserverCapabilities,
): RequestTokenRouteDeps {
  const { config, dynamo } = parts;
  return {
    registrationEnabled: config.registration.enabled,
    messageLanguages: config.pages && (config.pages.languages ?? Object.keys(CATALOGUES)),
    requests: new TokenRequests({
      ...threepidCore(parts, encryptionKey),
      limiter: new DynamoRateLimiter(dynamo, config.tableName),
      homeserver: lookup,
      messages: verificationMessages,
      mailer: parts.mailer,
      sms: parts.sms,
      guard,
      capabilities,
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
