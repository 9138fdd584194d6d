/**
 * POST /register and GET /register/available: the only function that reads the homeserver credential.
 * It also answers the requestToken functions' direct "who owns this address?" invokes.
 */
import { buildHomeserver, buildRegisterApi } from '../front-door.js';
import { answerOwnerLookup, isOwnerLookup } from '../homeserver/invoked-owner-lookup.js';
import { loadHomeserverSecrets } from '../secrets/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';

const config = tenantConfig(process.env);
const secrets = await loadHomeserverSecrets(config, process.env);
const homeserver = buildHomeserver(config, secrets);
const api = apiHandler(buildRegisterApi({ config, secrets, dynamo: dynamoClient() }, homeserver));

export const handler = (event: unknown, context?: unknown) =>
  isOwnerLookup(event) ? answerOwnerLookup(homeserver, event) : api(event as Parameters<typeof api>[0], context as Parameters<typeof api>[1]);
