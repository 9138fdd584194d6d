/**
 * Wires the operator console (issue 19) for the part that holds the operator keys: its sealed cookie
 * under the tenant key, the homeserver sign-in (the homeserver's URL only: no credential of the front
 * door's), and the same tokens, records, approvals, counters and switches the operator API uses.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Hono } from 'hono';
import type { TenantConfig } from '../config/tenant-config.js';
import { inviteUrl } from '../config/pages-urls.js';
import { keyedHash } from '../crypto/keyed-hash.js';
import { aesGcmSecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../model/log.js';
import type { Clock } from '../ports/clock.js';
import { DynamoRateLimiter } from '../adapters/dynamodb/rate-limiter.js';
import { DynamoRegistrationTokenStore } from '../adapters/dynamodb/registration-token-store.js';
import { homeserverHttp } from '../adapters/synapse/http-client.js';
import { synapseConsoleSignIn } from '../adapters/synapse/console-sign-in.js';
import { RegistrationTokens } from '../policy/registration-tokens.js';
import type { Approvals } from '../uia/approvals.js';
import { CONSOLE_PATH, consoleRoutes } from '../http/console/console-routes.js';
import { ConsoleCookies, type ConsoleTimeouts } from '../http/console/console-state.js';
import type { GatingMount } from '../http/mount.js';
import type { OperatorCredential } from '../http/routes/operator-auth.js';
import { signupCountersFor, switchStoreFor } from './observability.js';
import type { Records } from './records.js';

/** Sign-in attempts per client network: enough for people who mistype, too few to guess a password. */
const SIGN_IN_LIMIT = { max: 10, windowSeconds: 600 };

export interface ConsoleParts {
  config: TenantConfig;
  dynamo: DynamoDBClient;
  clock: Clock;
  log: Logger;
  encryptionKey: Buffer;
  operatorKeys: readonly OperatorCredential[];
  records: Records;
  /** Where sign-ups may wait: the same decisions as the operator API's. */
  approvals?: Approvals;
  fetch?: typeof fetch;
  timeouts?: ConsoleTimeouts;
}

export function buildConsole(parts: ConsoleParts): Hono {
  const { config, dynamo, encryptionKey } = parts;
  const hasher = keyedHash(encryptionKey);
  const box = aesGcmSecretBox(encryptionKey);
  return consoleRoutes({
    config,
    cookies: new ConsoleCookies(box, hasher, CONSOLE_PATH, parts.timeouts),
    clock: parts.clock,
    log: parts.log,
    signIn: synapseConsoleSignIn(homeserverHttp(config.homeserver.url, config.homeserver.timeoutMs, parts.fetch)),
    operatorKeys: parts.operatorKeys,
    audit: parts.records.audit,
    tokens: new RegistrationTokens(new DynamoRegistrationTokenStore(dynamo, config.tableName), hasher, box),
    inviteUrl: (token) => inviteUrl(config, token),
    terms: parts.records.terms.store,
    approvals: parts.approvals,
    counters: signupCountersFor({ config, dynamo }),
    switches: switchStoreFor({ config, dynamo }),
    signInLimit: { limiter: new DynamoRateLimiter(dynamo, config.tableName), hasher, ...SIGN_IN_LIMIT },
  });
}

/** The console as a mount beside the operator API. */
export const consoleMount = (parts: ConsoleParts): GatingMount => ({ middleware: [], routes: [{ prefix: '/', app: buildConsole(parts) }] });
