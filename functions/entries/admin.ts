/**
 * The operator API under /_front_door/admin: the only function that reads the operator keys. It holds the
 * encryption key too: registration tokens are found by keyed hash and kept sealed. With a webhook for
 * sign-up events, it holds that webhook's signing secret (it delivers the events of operators' decisions).
 * When the tenant's sign-ups may wait for approval, approving one makes the account and tells the person:
 * then, and only then, it also reads the homeserver credential and holds the senders of the notices.
 */
import { buildAdminApi } from '../compose/build.js';
import { loadEncryptionKey, loadEventsWebhookSecret, loadHomeserverSecrets, loadOperatorCredentials } from '../compose/tenant-secrets.js';
import { signupsMayWait } from '../policy/approval-settings.js';
import { dynamoClient, tenantConfig } from './cold-start.js';
import { refreshingApi } from './refreshing-handler.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const config = await tenantConfig(process.env);
const dynamo = dynamoClient();
const senders = signupsMayWait(config) ? { mailer: tenantMailer(config, process.env), sms: tenantSmsSender(config) } : undefined;

// Every secret is reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS; a changed one (an operator key added or
// revoked, a rotated key) rebuilds the app.
export const handler = await refreshingApi(
  () =>
    Promise.all([
      loadOperatorCredentials(process.env),
      loadEncryptionKey(process.env),
      config.events?.webhook ? loadEventsWebhookSecret(process.env) : undefined,
      senders ? loadHomeserverSecrets(config, process.env) : undefined,
    ]),
  ([operatorKey, encryptionKey, eventsWebhookSecret, secrets]) => {
    const approvals = secrets && senders && { secrets, ...senders };
    return buildAdminApi({ config, operatorKey, encryptionKey, eventsWebhookSecret, dynamo, ...(approvals ? { approvals } : {}) });
  },
);
