/**
 * Wiring of the addresses after sign-up: requestToken for a logged-in user (the sending parts), `3pid/add`
 * (the part with the homeserver credential), and the pass-through of the rest of `/account/3pid`.
 */
import type { Hono } from 'hono';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { DynamoAddSessionStore } from '../adapters/dynamodb/add-session-store.js';
import { DynamoAddressClaims } from '../adapters/dynamodb/address-claims.js';
import { DynamoThreepidStore } from '../adapters/dynamodb/threepid-store.js';
import { SynapseAccountThreepids } from '../adapters/synapse/account-threepids.js';
import { tenantHomeserverHttp } from './homeserver-http.js';
import { systemClock, type Clock, type HomeserverClientProxy } from '../ports/index.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AccountAdditions } from '../threepid/add-to-account.js';
import { TokenlessAdd } from '../threepid/tokenless-add.js';
import type { RequestTokenRouteDeps } from '../http/routes/threepid.js';
import { accountAddRoutes, accountPassThroughRoutes, accountRequestTokenRoutes } from '../http/routes/account-threepid.js';

interface Parts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock?: Clock;
  fetch?: typeof fetch;
}

/**
 * requestToken to add an address: the same TokenRequests (limits, gate, texts) as the part's sign-up one; what
 * a request without an access token may do is the tenant's `threepid.addWithoutToken`.
 */
export function accountRequestTokenApp(proxy: HomeserverClientProxy, deps: RequestTokenRouteDeps, config: TenantConfig): Hono {
  // Without a threepid section nothing is sent anyway (there are no TokenRequests): refuse what has no token.
  const withoutToken = config.threepid?.addWithoutToken ?? { email: TokenlessAdd.Refuse, msisdn: TokenlessAdd.Refuse };
  const enumerationSafe = config.threepid?.enumerationSafe ?? false;
  return accountRequestTokenRoutes({
    proxy,
    requests: deps.requests,
    messageLanguages: deps.messageLanguages,
    withoutToken,
    enumerationSafe,
  });
}

/** `3pid/add`: binding needs the admin token; without one (or without 3PIDs) the route says it is not offered. */
export function accountAddApp(parts: Parts & { secrets: TenantSecrets }, proxy: HomeserverClientProxy): Hono {
  const { config, dynamo, secrets } = parts;
  const adminToken = secrets.homeserverAdminToken;
  if (!config.threepid || !adminToken) return accountAddRoutes({ proxy });
  const http = tenantHomeserverHttp(config, secrets, parts.fetch);
  const additions = new AccountAdditions({
    sessions: new DynamoAddSessionStore(dynamo, config.tableName),
    validations: new DynamoThreepidStore(dynamo, config.tableName),
    claims: new DynamoAddressClaims(dynamo, config.tableName),
    accounts: new SynapseAccountThreepids(http, adminToken),
    hasher: keyedHash(secrets.encryptionKey),
    clock: parts.clock ?? systemClock,
    config: config.threepid,
    sessionLifetimeMs: config.registration.sessionLifetimeSeconds * 1000,
    // The owner lookup, the list read and its write, with room to spare.
    lockMs: 4 * config.homeserver.timeoutMs + 1000,
  });
  return accountAddRoutes({ proxy, additions });
}

export { accountPassThroughRoutes as accountPassThroughApp };
