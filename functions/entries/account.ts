/**
 * POST /account/password and POST /account/3pid/add: what a signed-up account asks that needs the homeserver
 * credential (a password reset, an address bound), in a function of its own so that the register function's
 * cold start does not load them (issue 18). No start-up probe: neither route's answer depends on the flows.
 */
import { buildAccountApi, buildHomeserver } from '../compose/build.js';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { loadHomeserverSecrets, type TenantSecrets } from '../compose/tenant-secrets.js';
import { jsonLogger } from '../model/log.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = await tenantConfig(process.env);
const log = jsonLogger();
const dynamo = dynamoClient();

/** Everything made from the secrets, rebuilt only when they changed. */
function withSecrets(secrets: TenantSecrets) {
  return apiHandler(buildAccountApi({ config, secrets, dynamo }, buildHomeserver(config, secrets)));
}

// The credentials and key are reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS: a rotation needs no redeploy.
const current = await refreshing({
  load: () => loadHomeserverSecrets(config, process.env),
  build: withSecrets,
  ttlMs: secretsTtlMs(process.env),
  log,
});

export const handler: ReturnType<typeof apiHandler> = async (event, context) => (await current.current())(event, context);
