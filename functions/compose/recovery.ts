/**
 * Wires the password reset (`recovery`): the engine for `/account/password` (the register part: it needs the
 * admin token), the reset's requestToken (the sending parts) and the hosted page (the register part).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoResetSessionStore } from '../adapters/dynamodb/reset-session-store.js';
import { DynamoThreepidStore } from '../adapters/dynamodb/threepid-store.js';
import { tenantHomeserverHttp } from './homeserver-http.js';
import { SynapseAccountRecovery } from '../adapters/synapse/password-reset.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import { ResetCookies } from '../http/forgot-password-state.js';
import type { RecoveryMount } from '../http/mount-recovery.js';
import type { PasswordRouteDeps, ResetRequestRouteDeps } from '../http/routes/account-password.js';
import { Medium } from '../model/medium.js';
import { type Clock, type Homeserver, type HomeserverClientProxy, systemClock } from '../ports/index.js';
import type { TokenRequests } from '../threepid/request-token.js';
import type { TokenSubmissions } from '../threepid/submit-token.js';
import { IdentityPolicy } from '../uia/identity.js';
import { PasswordReset } from '../uia/password-reset.js';
import { identitySettings } from './identity.js';
import type { TenantSecrets } from './tenant-secrets.js';

interface RecoveryParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  secrets: TenantSecrets;
  clock?: Clock;
  fetch?: typeof fetch;
}

/** The reset engine; undefined unless the tenant configures `recovery` (which the config allows only with `threepid`). */
export function buildPasswordReset(parts: RecoveryParts, homeserver: Homeserver): PasswordReset | undefined {
  const { config, secrets, dynamo } = parts;
  if (!config.recovery || !config.threepid) return undefined;
  // `threepid` already requires the admin token (tenant-secrets.ts); a reset is made with the admin API alone.
  if (!secrets.homeserverAdminToken) throw new Error('recovery needs the homeserver admin token');
  const http = tenantHomeserverHttp(config, secrets, parts.fetch);
  const identity = new IdentityPolicy(identitySettings(config), homeserver);
  return new PasswordReset({
    store: new DynamoResetSessionStore(dynamo, config.tableName),
    threepids: new DynamoThreepidStore(dynamo, config.tableName),
    hasher: keyedHash(secrets.encryptionKey),
    box: aesGcmSecretBox(secrets.encryptionKey),
    clock: parts.clock ?? systemClock,
    homeserver: new SynapseAccountRecovery(http, secrets.homeserverAdminToken),
    checkPassword: (password) => identity.checkPassword(password),
    mediums: [...(config.threepid.email ? [Medium.Email] : []), ...(config.threepid.msisdn ? [Medium.Msisdn] : [])],
    sessionLifetimeMs: config.recovery.sessionLifetimeSeconds * 1000,
    // Three homeserver calls (the owner, the account's state, the reset) and some slack.
    leaseMs: 3 * config.homeserver.timeoutMs + 2000,
  });
}

/**
 * The reset's requestToken, sent through the same TokenRequests (limits, caps, hashing) as a sign-up's; without
 * `recovery` the homeserver answers it (passed through), so one proxy rule may send all of /account to the front door.
 */
export function resetRequestDeps(
  config: TenantConfig,
  requests: TokenRequests,
  proxy: HomeserverClientProxy,
  messageLanguages?: readonly string[],
): ResetRequestRouteDeps {
  if (!config.recovery) return { proxy, enumerationSafe: false };
  return { requests, proxy, enumerationSafe: config.recovery.enumerationSafe, messageLanguages };
}

/**
 * Everything the register part mounts for a reset: `/account/password` (passed through without `recovery`), and
 * the hosted page when the tenant has `pages` and `recovery`.
 */
export function recoveryForRegister(
  parts: RecoveryParts,
  reset: PasswordReset | undefined,
  proxy: HomeserverClientProxy,
  threepid?: { requests?: TokenRequests; submissions?: TokenSubmissions },
): RecoveryMount {
  const { config, secrets } = parts;
  const password: PasswordRouteDeps = { reset, proxy };
  if (!reset || !config.recovery) return { password };
  if (!config.pages || !threepid?.requests || !threepid.submissions) return { password };
  const path = config.recovery.pagePath;
  const cookies = new ResetCookies(
    aesGcmSecretBox(secrets.encryptionKey),
    keyedHash(secrets.encryptionKey),
    path,
    config.recovery.sessionLifetimeSeconds,
  );
  const page = {
    config,
    pages: config.pages,
    path,
    cookies,
    requests: threepid.requests,
    submissions: threepid.submissions,
    reset,
    enumerationSafe: config.recovery.enumerationSafe,
  };
  return { password, page };
}
