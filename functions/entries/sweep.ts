/**
 * The scheduled sweep (an EventBridge rule every minute): retries undelivered sign-up events and
 * onboarding, and closes sign-up requests past their deadline. It holds the events webhook's secret when
 * the tenant has a webhook; the encryption key when sign-ups may wait (their token uses are found by keyed
 * hash); the homeserver credential only when `onboarding` joins rooms (then, and only then, it calls the
 * homeserver's admin API). Otherwise it reaches nothing but the table, the event bus and, when the tenant
 * mails operators of waiting sign-ups, SES: it puts the register function's bus events and mails its notices.
 */
import { buildSweep } from '../compose/sweep.js';
import { loadEncryptionKey, loadEventsWebhookSecret, loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { signupsMayWait } from '../policy/approval-settings.js';
import { dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer } from './senders.js';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { jsonLogger } from '../model/log.js';

const config = await tenantConfig(process.env);
const dynamo = dynamoClient();
// The operators' notices of waiting sign-ups, kept in the outbox by the register function, are mailed from here.
const mailer = config.approval?.operatorEmails.length ? tenantMailer(config, process.env) : undefined;
const loadSecrets = async () =>
  config.onboarding
    ? await loadHomeserverSecrets(config, process.env)
    : {
        eventsWebhookSecret: config.events?.webhook ? await loadEventsWebhookSecret(process.env) : undefined,
        encryptionKey: signupsMayWait(config) ? await loadEncryptionKey(process.env) : undefined,
      };

// Reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS, as the API functions do: a rotation needs no redeploy.
const sweep = await refreshing({
  load: loadSecrets,
  build: (secrets) => buildSweep({ config, dynamo, secrets, ...(mailer ? { mailer } : {}) }),
  ttlMs: secretsTtlMs(process.env),
  log: jsonLogger(),
});

/** The schedule's event says nothing the sweep needs; a rejected sweep counts as the function's error. */
export const handler = async () => (await sweep.current())();
