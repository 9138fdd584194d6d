/**
 * The checks part, table-only: submit_token (the mailed link, the SMS submit_url), registration token
 * validity, CORS preflights, and a Matrix 404 for any path no route names. It runs no UIA stage (the
 * fallback pages live with /register) and holds the encryption key (for the keyed hashes), nothing else.
 */
import { buildChecksApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { dynamoClient, tenantConfig } from './cold-start.js';
import { refreshingApi } from './refreshing-handler.js';

const config = await tenantConfig(process.env);
const dynamo = dynamoClient();

// The key is reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS; a rotated one rebuilds the app.
export const handler = await refreshingApi(
  () => loadEncryptionKey(process.env),
  (encryptionKey) => buildChecksApi({ config, encryptionKey, dynamo }),
);
