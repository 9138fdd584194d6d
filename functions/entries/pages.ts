/**
 * The pages a person sees: the UIA fallback pages and the hosted sign-up page. It drives the registration
 * engine as the register part does (the sign-up page creates accounts), so it holds the same homeserver
 * credential; it is a function of its own so that the API's cold start loads no pages, catalogues or senders.
 */
import { buildHomeserver, buildPagesApi, homeserverFit } from '../compose/build.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const tenant = tenantConfig(process.env);
const secrets = await loadHomeserverSecrets(tenant, process.env);
const homeserver = buildHomeserver(tenant, secrets);
// Once per cold start, as the register part does: a homeserver without the 3PID lookup loses the email and phone flows.
const { config, capabilities } = await homeserverFit(tenant, secrets, jsonLogger());
// The hosted sign-up page (when configured) sends its verification mail and SMS from here.
const senders = config.pages ? { mailer: tenantMailer(config, process.env), sms: tenantSmsSender(config) } : {};

export const handler = apiHandler(buildPagesApi({ config, secrets, capabilities, dynamo: dynamoClient(), ...senders }, homeserver));
