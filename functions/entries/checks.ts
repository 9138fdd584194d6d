/**
 * The table-only routes: submit_token (the mailed link, the SMS submit_url), token validity, the auth
 * fallback pages and CORS preflights. It holds the encryption key (for the keyed hashes) and nothing else.
 */
import { buildStagesApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = tenantConfig(process.env);
const encryptionKey = await loadEncryptionKey(process.env);

export const handler = apiHandler(buildStagesApi({ config, encryptionKey, dynamo: dynamoClient() }));
