/**
 * The checks part, table-only: submit_token (the mailed link, the SMS submit_url), registration token
 * validity, CORS preflights, and a Matrix 404 for any path no route names. It runs no UIA stage (the
 * fallback pages live with /register) and holds the encryption key (for the keyed hashes), nothing else.
 */
import { buildChecksApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = tenantConfig(process.env);
const encryptionKey = await loadEncryptionKey(process.env);

export const handler = apiHandler(buildChecksApi({ config, encryptionKey, dynamo: dynamoClient() }));
