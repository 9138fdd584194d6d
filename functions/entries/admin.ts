/**
 * The operator API under /_front_door/admin: the only function that reads the operator keys. It holds the
 * encryption key too: registration tokens are found by keyed hash and kept sealed. With a webhook for
 * sign-up events, it holds that webhook's signing secret (it delivers the events of operators' decisions).
 * When the tenant's sign-ups may wait for approval, approving one makes the account and tells the person:
 * then, and only then, it also reads the homeserver credential and holds the senders of the notices.
 */
import { buildAdminApi } from '../compose/build.js';
import { loadEncryptionKey, loadEventsWebhookSecret, loadHomeserverSecrets, loadOperatorCredentials } from '../compose/tenant-secrets.js';
import { signupsMayWait } from '../policy/approval-config.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const config = tenantConfig(process.env);
const [operatorKey, encryptionKey, eventsWebhookSecret, secrets] = await Promise.all([
  loadOperatorCredentials(process.env),
  loadEncryptionKey(process.env),
  config.events?.webhook ? loadEventsWebhookSecret(process.env) : undefined,
  signupsMayWait(config) ? loadHomeserverSecrets(config, process.env) : undefined,
]);
const approvals = secrets && { secrets, mailer: tenantMailer(config, process.env), sms: tenantSmsSender(config) };

export const handler = apiHandler(
  buildAdminApi({ config, operatorKey, encryptionKey, eventsWebhookSecret, dynamo: dynamoClient(), ...(approvals ? { approvals } : {}) }),
);
