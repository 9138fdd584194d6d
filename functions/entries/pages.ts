/**
 * The pages a person sees: the UIA fallback pages, the hosted sign-up page and the "Forgot password" page.
 * It drives the registration engine as the register part does (the sign-up page creates accounts; the reset
 * page sets passwords with the admin token), so it holds the same homeserver credential.
 * It is a function of its own so that the API's cold start loads no pages, catalogues or senders.
 */
import { buildHomeserver, buildPagesApi, homeserverFit } from '../compose/build.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets, type TenantSecrets } from '../compose/tenant-secrets.js';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const tenant = await tenantConfig(process.env);
const log = jsonLogger();
const dynamo = dynamoClient();
// The hosted pages (when configured) send their verification mail and SMS from here, and the operators' notice
// of a sign-up finished on the sign-up page that waits for approval (the fallback pages never finish one).
const senders = tenant.pages ? { mailer: tenantMailer(tenant, process.env), sms: tenantSmsSender(tenant) } : {};

/** Everything made from the secrets, rebuilt (the homeserver probed again, as register does) only when they changed. */
async function withSecrets(secrets: TenantSecrets) {
  const homeserver = buildHomeserver(tenant, secrets);
  const { config, capabilities } = await homeserverFit(tenant, secrets, log);
  return apiHandler(buildPagesApi({ config, secrets, capabilities, dynamo, ...senders }, homeserver));
}

// Only the sign-up page makes accounts here (the fallback pages pass stages): then it signs their events.
// The secrets are reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS: a rotation needs no redeploy.
const current = await refreshing({
  load: () => loadHomeserverSecrets(tenant, process.env, undefined, { withEvents: Boolean(tenant.pages) }),
  build: withSecrets,
  ttlMs: secretsTtlMs(process.env),
  log,
});

export const handler: ReturnType<typeof apiHandler> = async (event, context) => (await current.current())(event, context);
