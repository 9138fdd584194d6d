/**
 * POST /register and GET /register/available: the function that creates accounts with the homeserver
 * credential (with the pages part, entries/pages.ts, that holds it for the pages). It serves API Gateway
 * only; the senders' owner lookups go to the lookup function (lookup.ts).
 */
import { buildHomeserver, buildRegisterApi, homeserverFit } from '../compose/build.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets, type TenantSecrets } from '../compose/tenant-secrets.js';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { readSwitchesEarly } from './early-switches.js';

const tenant = await tenantConfig(process.env);
const log = jsonLogger();
const dynamo = dynamoClient();
// Beside the secrets' load and the homeserver probe: the first POST /register no longer waits for it.
readSwitchesEarly(tenant, dynamo);
// The pages (fallback, sign-up, forgot password) and their senders are the pages part's. No mail client here
// (issue 18: bundle and cold start): the operators' notice of a sign-up that waits for approval is kept in the
// outbox and mailed by the sweep, as this part's bus events are put by it.

/** Everything made from the secrets, rebuilt (the homeserver probed again) only when they changed. */
async function withSecrets(secrets: TenantSecrets) {
  const homeserver = buildHomeserver(tenant, secrets);
  // A homeserver without the 3PID lookup loses the email and phone flows here.
  const { config } = await homeserverFit(tenant, secrets, log);
  return apiHandler(buildRegisterApi({ config, secrets, dynamo }, homeserver));
}

// The credentials and key are reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS: a rotation needs no redeploy.
const current = await refreshing({
  load: () => loadHomeserverSecrets(tenant, process.env),
  build: withSecrets,
  ttlMs: secretsTtlMs(process.env),
  log,
});

export const handler: ReturnType<typeof apiHandler> = async (event, context) => (await current.current())(event, context);
