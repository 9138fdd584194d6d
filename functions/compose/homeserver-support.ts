/**
 * What a tenant can offer on its homeserver. Without the admin 3PID lookup (Synapse before 1.72) the
 * front door cannot tell whether an address already belongs to someone, so it offers no flow that
 * verifies one: better a clear refusal than an address handed from its owner to a stranger.
 */
import { ConfigError } from '../model/config-error.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { Logger } from '../model/log.js';
import { LoginType } from '../matrix/login-types.js';
import type { HomeserverCapabilities } from '../ports/index.js';

/** The first Synapse release with `GET /_synapse/admin/v1/threepid/{medium}/users/{address}`. */
export const MINIMUM_SYNAPSE_FOR_THREEPID = '1.72';

const VERIFIES_ADDRESS = new Set<string>([LoginType.EmailIdentity, LoginType.Msisdn]);

const describe = (capabilities: HomeserverCapabilities) =>
  capabilities.serverVersion ? `Synapse ${capabilities.serverVersion}` : 'The homeserver (its version is unknown)';

/** The config with the flows this homeserver cannot serve dropped; a ConfigError when none is left. */
export function fitToHomeserver(config: TenantConfig, capabilities: HomeserverCapabilities, log: Logger): TenantConfig {
  if (!config.threepid) return config;
  if (capabilities.threepidLookup === 'unknown') {
    // Not a reason to refuse to start (the homeserver may be restarting): lookups fail closed until it answers.
    log.warn('homeserver-probe-inconclusive', {
      message:
        'Could not tell whether the homeserver has the admin 3PID lookup; email and phone requests fail with a retryable error until it answers',
      serverVersion: capabilities.serverVersion,
    });
    return config;
  }
  if (capabilities.threepidLookup === 'available') return config;
  const flows = config.registration.flows.filter((flow) => !flow.some((stage) => VERIFIES_ADDRESS.has(stage)));
  const lacking = `${describe(capabilities)} has no admin 3PID lookup (GET /_synapse/admin/v1/threepid/{medium}/users/{address}, Synapse ${MINIMUM_SYNAPSE_FOR_THREEPID} or later)`;
  if (flows.length === 0) {
    throw new ConfigError([
      `registration.flows: every flow verifies an email address or phone number, but ${lacking}: upgrade Synapse to ${MINIMUM_SYNAPSE_FOR_THREEPID} or later, or offer a flow without m.login.email.identity and m.login.msisdn`,
    ]);
  }
  log.warn('threepid-flows-dropped', {
    message: `${lacking}: email and phone verification are switched off until Synapse is upgraded to ${MINIMUM_SYNAPSE_FOR_THREEPID} or later`,
    serverVersion: capabilities.serverVersion,
    minimumSynapse: MINIMUM_SYNAPSE_FOR_THREEPID,
    droppedFlows: config.registration.flows.length - flows.length,
  });
  return { ...config, registration: { ...config.registration, flows } };
}
