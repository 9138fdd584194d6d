/**
 * The meter part: the sign-up page's password strength estimate (zxcvbn-ts and its word lists, loaded on the
 * first estimate). Table-only, for the per-IP limit; it holds the encryption key (keyed hashes of client IPs).
 */
import { buildMeterApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = tenantConfig(process.env);
const encryptionKey = await loadEncryptionKey(process.env);

export const handler = apiHandler(buildMeterApi({ config, encryptionKey, dynamo: dynamoClient() }));
