/**
 * The whole front door as one Lambda handler (a single-function deployment, or a quick trial). The CDK
 * stacks use functions/entries/ instead: one function per privilege. Being also the operator API here, it
 * reads the operator keys; they are required when the tenant's sign-ups may wait for an operator's decision.
 */
import { prepareFrontDoor } from '../compose/build.js';
import { loadHomeserverSecrets, loadOperatorCredentials, SecretArnVariable, SecretVariable } from '../compose/tenant-secrets.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { DEFAULT_OPERATOR } from '../http/routes/operator-auth.js';
import { signupsMayWait } from '../policy/approval-settings.js';
import { dynamoClient, type Env, tenantConfig } from './cold-start.js';
import { refreshingApi } from './refreshing-handler.js';
import { tenantMailer, tenantSmsSender } from './senders.js';

/**
 * The operator keys as the app's secrets hold them. Without any configured the operator API answers 401,
 * unless sign-ups may wait: nobody could decide them, so the cold start fails naming the variable.
 */
async function operatorSecrets(config: TenantConfig, env: Env) {
  const configured = [SecretArnVariable.Operator, SecretVariable.OperatorKey, SecretVariable.OperatorKeys].some((name) => env[name]);
  if (!configured && !signupsMayWait(config)) return {};
  const credentials = await loadOperatorCredentials(env);
  const named = credentials.filter((c) => c.name !== DEFAULT_OPERATOR).map((c) => [c.name, c.key]);
  return {
    operatorKey: credentials.find((c) => c.name === DEFAULT_OPERATOR)?.key,
    ...(named.length > 0 ? { operatorKeys: Object.fromEntries(named) } : {}),
  };
}

const config = await tenantConfig(process.env);
const mailer = tenantMailer(config, process.env);
const sms = tenantSmsSender(config);
const dynamo = dynamoClient();

// The secrets are reloaded every FRONT_DOOR_SECRETS_TTL_SECONDS; when they changed, the app is rebuilt
// (and the homeserver probed again, see prepareFrontDoor), so a rotation needs no redeploy.
export const handler = await refreshingApi(
  async () => {
    const [homeserverSecrets, operator] = await Promise.all([
      loadHomeserverSecrets(config, process.env),
      operatorSecrets(config, process.env),
    ]);
    return { ...homeserverSecrets, ...operator };
  },
  async (secrets) => (await prepareFrontDoor({ config, secrets, dynamo, ...(mailer ? { mailer } : {}), ...(sms ? { sms } : {}) })).app,
);
