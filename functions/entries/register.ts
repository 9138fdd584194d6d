/**
 * POST /register and GET /register/available: the function that creates accounts with the homeserver
 * credential. It serves API Gateway only; the senders' owner lookups go to the lookup function (lookup.ts).
 */
import { buildHomeserver, buildRegisterApi, homeserverFit } from '../compose/build.js';
import { jsonLogger } from '../model/log.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const tenant = tenantConfig(process.env);
const secrets = await loadHomeserverSecrets(tenant, process.env);
const homeserver = buildHomeserver(tenant, secrets);
// Once per cold start: a homeserver without the 3PID lookup loses the email and phone flows here.
const { config } = await homeserverFit(tenant, secrets, jsonLogger());
// The hosted sign-up page (when configured) sends its verification mail and SMS from here; the operators'
// notice of each sign-up that waits for approval is mailed from here too.
const senders = {
  ...(config.pages || config.approval?.operatorEmails.length ? { mailer: tenantMailer(config, process.env) } : {}),
  ...(config.pages ? { sms: tenantSmsSender(config) } : {}),
};

export const handler = apiHandler(buildRegisterApi({ config, secrets, dynamo: dynamoClient(), ...senders }, homeserver));
