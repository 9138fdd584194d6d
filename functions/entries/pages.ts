/**
 * The pages a person sees: the UIA fallback pages, the hosted sign-up page and the "Forgot password" page.
 * It drives the registration engine as the register part does (the sign-up page creates accounts; the reset
 * page sets passwords with the admin token), so it holds the same homeserver credential.
 * It is a function of its own so that the API's cold start loads no pages, catalogues or senders.
 */
import { buildHomeserver, buildPagesApi, homeserverFit } from '../compose/build.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const tenant = tenantConfig(process.env);
// Only the sign-up page makes accounts here (the fallback pages pass stages): then it signs their events.
const secrets = await loadHomeserverSecrets(tenant, process.env, undefined, { withEvents: Boolean(tenant.pages) });
const homeserver = buildHomeserver(tenant, secrets);
// Once per cold start, as the register part does: a homeserver without the 3PID lookup loses the email and phone flows.
const { config, capabilities } = await homeserverFit(tenant, secrets, jsonLogger());
// The hosted pages (when configured) send their verification mail and SMS from here, and the operators' notice
// of a sign-up finished on the sign-up page that waits for approval (the fallback pages never finish one).
const senders = config.pages ? { mailer: tenantMailer(config, process.env), sms: tenantSmsSender(config) } : {};

export const handler = apiHandler(buildPagesApi({ config, secrets, capabilities, dynamo: dynamoClient(), ...senders }, homeserver));
