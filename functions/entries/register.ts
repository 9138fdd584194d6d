/**
 * POST /register and GET /register/available: with the pages part, the only function that reads the homeserver credential.
 * It also answers the requestToken functions' direct invokes: "who owns this address?" and "what did the
 * start-up probe find?".
 */
import { buildHomeserver, buildRegisterApi, homeserverFit } from '../compose/build.js';
import { answerOwnerLookup, isCapabilitiesRequest, isOwnerLookup } from '../adapters/lambda/invoked-owner-lookup.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const tenant = tenantConfig(process.env);
const secrets = await loadHomeserverSecrets(tenant, process.env);
const homeserver = buildHomeserver(tenant, secrets);
// Once per cold start: a homeserver without the 3PID lookup loses the email and phone flows here.
const { config, capabilities } = await homeserverFit(tenant, secrets, jsonLogger());
// The pages (fallback and sign-up) are the pages part's (entries/pages.ts).
const api = apiHandler(buildRegisterApi({ config, secrets, dynamo: dynamoClient() }, homeserver));

export const handler = (event: unknown, context?: unknown) => {
  if (isOwnerLookup(event)) return answerOwnerLookup(homeserver, event, capabilities);
  if (isCapabilitiesRequest(event)) return Promise.resolve(capabilities);
  return api(event as Parameters<typeof api>[0], context as Parameters<typeof api>[1]);
};
