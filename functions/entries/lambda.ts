/**
 * The whole front door as one Lambda handler (a single-function deployment, or a quick trial). The CDK
 * stacks use functions/entries/ instead: one function per privilege.
 */
import { prepareFrontDoor } from '../compose/build.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import { apiHandler, dynamoClient, tenantConfig } from './cold-start.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

const config = tenantConfig(process.env);
const secrets = await loadHomeserverSecrets(config, process.env);
const mailer = tenantMailer(config, process.env);
const sms = tenantSmsSender(config);

// The homeserver is probed once per cold start (see prepareFrontDoor).
const { app } = await prepareFrontDoor({ config, secrets, dynamo: dynamoClient(), ...(mailer ? { mailer } : {}), ...(sms ? { sms } : {}) });

export const handler = apiHandler(app);
