/**
 * The meter part: the sign-up page's password strength estimate (zxcvbn-ts and its word lists, loaded on the
 * first estimate). Table-only, for the per-IP limit; it holds the encryption key (keyed hashes of client IPs).
 */
import { buildMeterApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { dynamoClient, tenantConfig } from './cold-start.js';
import { refreshingApi } from './refreshing-handler.js';

const config = await tenantConfig(process.env);
const dynamo = dynamoClient();

// The key is reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS; a rotated one rebuilds the app.
export const handler = await refreshingApi(
  () => loadEncryptionKey(process.env),
  (encryptionKey) => buildMeterApi({ config, encryptionKey, dynamo }),
);
