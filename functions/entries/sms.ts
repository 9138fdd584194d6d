/** POST …/register/msisdn/requestToken: the only function that may publish SMS (to phone numbers, not topics). */
import { buildRequestTokenApi } from '../compose/build.js';
import { loadEncryptionKey } from '../compose/tenant-secrets.js';
import { dynamoClient, tenantConfig } from './cold-start.js';
import { readSwitchesEarly } from './early-switches.js';
import { refreshingApi } from './refreshing-handler.js';
import { ownerLookup } from './owner-lookup.js';
import { tenantSmsSender } from './senders.js';
import { isMobileNumber } from '../threepid/mobile-number.js';

const config = await tenantConfig(process.env);
const dynamo = dynamoClient();
// Beside the owner lookup's question below: every requestToken reads the switches (closed, paused).
readSwitchesEarly(config, dynamo);
// The owner lookup brings what the homeserver probe found: without the 3PID lookup this medium answers "not supported".
const { lookup, capabilities } = await ownerLookup(config, process.env);
const sms = tenantSmsSender(config);

// The key is reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS; a rotated one rebuilds the app.
export const handler = await refreshingApi(
  () => loadEncryptionKey(process.env),
  (encryptionKey) =>
    buildRequestTokenApi({ config, encryptionKey, lookup, capabilities, dynamo, isMobile: isMobileNumber, ...(sms ? { sms } : {}) }),
);
