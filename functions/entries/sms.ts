/** POST …/register/msisdn/requestToken: the only function that may publish SMS (to phone numbers, not topics). */
import { buildRequestTokenApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { ownerLookup } from './owner-lookup.js';
import { tenantSmsSender } from './senders.js';
import { isMobileNumber } from '../threepid/mobile-number.js';

const config = tenantConfig(process.env);
// The owner lookup brings what the homeserver probe found: without the 3PID lookup this medium answers "not supported".
const [encryptionKey, { lookup, capabilities }] = await Promise.all([loadEncryptionKey(process.env), ownerLookup(config, process.env)]);
const sms = tenantSmsSender(config);

export const handler = apiHandler(
  buildRequestTokenApi({
    config,
    encryptionKey,
    lookup,
    capabilities,
    dynamo: dynamoClient(),
    isMobile: isMobileNumber,
    ...(sms ? { sms } : {}),
  }),
);
