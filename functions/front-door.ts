/** Wires the front door from a tenant config, its secrets and the clients an entry point made. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { TenantConfig, TenantSecrets } from './config.js';
import { aesGcmSecretBox } from './crypto/secret-box.js';
import { AdminApiHomeserver } from './homeserver/admin-api.js';
import { homeserverHttp } from './homeserver/http-client.js';
import { SharedSecretHomeserver } from './homeserver/shared-secret.js';
import { jsonLogger, type Logger } from './log.js';
import { systemClock, type Clock, type Homeserver, type Mailer, type SmsSender } from './ports.js';
import { AccountCreator } from './registration/account-creation.js';
import { IdentityPolicy } from './registration/identity.js';
import { Registration } from './registration/register.js';
import { keyedHash } from './crypto/keyed-hash.js';
import type { ThreepidRouteDeps } from './routes/threepid.js';
import { DynamoRateLimiter } from './store/dynamo-rate-limiter.js';
import { DynamoSessionStore } from './store/dynamo-session-store.js';
import { DynamoThreepidStore } from './store/dynamo-threepid-store.js';
import { TokenRequests } from './threepid/request-token.js';
import { TokenSubmissions } from './threepid/submit-token.js';
import { flowSetFromConfig } from './uia/flows-from-config.js';

export interface FrontDoorParts {
  config: TenantConfig;
  secrets: TenantSecrets;
  dynamo: DynamoDBClient;
  mailer?: Mailer;
  sms?: SmsSender;
  clock?: Clock;
  log?: Logger;
  fetch?: typeof fetch;
}

export function buildHomeserver(config: TenantConfig, secrets: TenantSecrets, fetchImpl?: typeof fetch): Homeserver {
  const http = homeserverHttp(config.homeserver.url, config.homeserver.timeoutMs, fetchImpl);
  return config.homeserver.mode === 'shared_secret'
    ? new SharedSecretHomeserver(http, secrets.registrationSharedSecret!, secrets.homeserverAdminToken)
    : new AdminApiHomeserver(http, secrets.homeserverAdminToken!, config.serverName);
}

export function buildFrontDoor(parts: FrontDoorParts): Hono {
  const { config, secrets } = parts;
  const clock = parts.clock ?? systemClock;
  const store = new DynamoSessionStore(parts.dynamo, config.tableName);
  const homeserver = buildHomeserver(config, secrets, parts.fetch);
  const box = aesGcmSecretBox(secrets.encryptionKey);
  const hasher = keyedHash(secrets.encryptionKey);
  const threepids = new DynamoThreepidStore(parts.dynamo, config.tableName);
  const identity = new IdentityPolicy(config, homeserver);
  const registration = new Registration({
    store,
    box,
    clock,
    flows: flowSetFromConfig(config, { threepids, hasher }),
    identity,
    creator: new AccountCreator(homeserver, box, config.serverName, config.threepid),
    sessionLifetimeMs: config.registration.sessionLifetimeSeconds * 1000,
    // Long enough for the slowest creation (a check, a write and a login, each up to the timeout).
    creationLeaseMs: 3 * config.homeserver.timeoutMs + 2000,
  });
  let threepid: ThreepidRouteDeps | undefined;
  if (config.threepid) {
    const limiter = new DynamoRateLimiter(parts.dynamo, config.tableName);
    const common = { config: config.threepid, store: threepids, hasher, clock };
    threepid = {
      registrationEnabled: config.registration.enabled,
      config: config.threepid,
      requests: new TokenRequests({ ...common, limiter, homeserver, mailer: parts.mailer, sms: parts.sms }),
      submissions: new TokenSubmissions(common),
    };
  }
  return createApp({ config, registration, identity, store, clock, threepid, log: parts.log ?? jsonLogger() });
}
