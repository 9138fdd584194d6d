/**
 * The internal owner lookup: answers the senders' direct invokes ("who owns this address?", "what did the
 * start-up probe find?") and nothing else. No route leads here, and only the email and sms functions may
 * invoke it, so holding the homeserver credential here gives them an answer, never the power to register.
 */
import { answerOwnerLookup, isCapabilitiesRequest, isOwnerLookup } from '../adapters/lambda/invoked-owner-lookup.js';
import { buildHomeserver, homeserverFit } from '../compose/build.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { jsonLogger } from '../model/log.js';
import { tenantConfig } from './cold-start.js';

const tenant = tenantConfig(process.env);
// It emits no sign-up events, so it neither holds nor needs the events webhook's secret.
const secrets = await loadHomeserverSecrets(tenant, process.env, undefined, { withEvents: false });
const homeserver = buildHomeserver(tenant, secrets);
// Once per cold start, as the register function does: the senders ask for the result when they start.
const { capabilities } = await homeserverFit(tenant, secrets, jsonLogger());

export const handler = async (event: unknown) => {
  if (isOwnerLookup(event)) return answerOwnerLookup(homeserver, event, capabilities);
  if (isCapabilitiesRequest(event)) return capabilities;
  // Anything else (an API Gateway event among them) is refused: this function serves no HTTP.
  throw new Error('the owner lookup answers owner lookups only');
};
