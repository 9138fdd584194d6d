/** POST …/register/msisdn/requestToken: the only function that may publish SMS (to phone numbers, not topics). */
import { buildRequestTokenApi } from '../front-door.js';
import { loadEncryptionKey } from '../secrets/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { ownerLookup } from './owner-lookup.js';
import { tenantSmsSender } from './senders.js';

const config = tenantConfig(process.env);
const [encryptionKey, lookup] = await Promise.all([loadEncryptionKey(process.env), ownerLookup(config, process.env)]);
const sms = tenantSmsSender(config);

export const handler = apiHandler(buildRequestTokenApi({ config, encryptionKey, lookup, dynamo: dynamoClient(), ...(sms ? { sms } : {}) }));
