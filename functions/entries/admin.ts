/**
 * The operator API under /_front_door/admin: the only function that reads the operator key. It holds the
 * encryption key too: registration tokens are found by keyed hash and kept sealed.
 */
import { buildAdminApi } from '../compose/build.js';
import { loadEncryptionKey, loadOperatorKey } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = tenantConfig(process.env);
const [operatorKey, encryptionKey] = await Promise.all([loadOperatorKey(process.env), loadEncryptionKey(process.env)]);

export const handler = apiHandler(buildAdminApi({ config, operatorKey, encryptionKey, dynamo: dynamoClient() }));
