/**
 * The internal owner lookup: answers the senders' direct invokes ("who owns this address?", "what did the
 * start-up probe find?") and nothing else. No route leads here, and only the email and sms functions may
 * invoke it, so holding the homeserver credential here gives them an answer, never the power to register.
 */
import { answerOwnerLookup, isCapabilitiesRequest, isOwnerLookup } from '../adapters/lambda/invoked-owner-lookup.js';
import { buildHomeserver, homeserverFit } from '../compose/build.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { jsonLogger } from '../model/log.js';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { tenantConfig } from './cold-start.js';

const tenant = await tenantConfig(process.env);
const log = jsonLogger();

// It emits no sign-up events, so it neither holds nor needs the events webhook's secret. The credential is
// reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS, and the probe made again when it changed.
const current = await refreshing({
  load: () => loadHomeserverSecrets(tenant, process.env, undefined, { withEvents: false }),
  build: async (secrets) => {
    const homeserver = buildHomeserver(tenant, secrets);
    const { capabilities } = await homeserverFit(tenant, secrets, log);
    return { homeserver, capabilities };
  },
  ttlMs: secretsTtlMs(process.env),
  log,
});

export const handler = async (event: unknown) => {
  const { homeserver, capabilities } = await current.current();
  if (isOwnerLookup(event)) return answerOwnerLookup(homeserver, event, capabilities);
  if (isCapabilitiesRequest(event)) return capabilities;
  // Anything else (an API Gateway event among them) is refused: this function serves no HTTP.
  throw new Error('the owner lookup answers owner lookups only');
};
