/** How a requestToken function learns who owns an address without holding the homeserver credential. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { TenantConfig } from '../config/tenant-config.js';
import { buildHomeserver, homeserverFit, type ThreepidOwnerLookup } from '../compose/build.js';
import { invokedOwnerLookup } from '../adapters/lambda/invoked-owner-lookup.js';
import { unhurriedHandler } from '../adapters/aws/http-handler.js';
import { jsonLogger } from '../model/log.js';
import type { HomeserverCapabilities } from '../ports/index.js';
import { loadHomeserverSecrets } from '../compose/tenant-secrets.js';
import type { Env } from './cold-start.js';

/** Set by the stack on the functions that send: the internal lookup function (entries/lookup.ts), which answers owner lookups. */
export const LOOKUP_FUNCTION_VARIABLE = 'FRONT_DOOR_LOOKUP_FUNCTION';

/**
 * In AWS the lookup function answers (the senders never hold the homeserver credential), and tells what its
 * start-up probe found; without FRONT_DOOR_LOOKUP_FUNCTION (local runs, tests, the benchmark) the
 * homeserver is asked and probed directly with the credential from the environment.
 */
export async function ownerLookup(
  config: TenantConfig,
  env: Env,
): Promise<{ lookup: ThreepidOwnerLookup; capabilities: HomeserverCapabilities }> {
  const lookupFunction = env[LOOKUP_FUNCTION_VARIABLE];
  if (lookupFunction) {
    const lookup = invokedOwnerLookup(new LambdaClient({ requestHandler: unhurriedHandler() }), lookupFunction);
    return { lookup, capabilities: config.threepid ? await lookup.capabilities() : { threepidLookup: 'unknown' } };
  }
  const secrets = await loadHomeserverSecrets(config, env, undefined, { withEvents: false });
  const { capabilities } = await homeserverFit(config, secrets, jsonLogger());
  return { lookup: buildHomeserver(config, secrets), capabilities };
}
