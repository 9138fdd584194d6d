/**
 * The tenant's HTTP client for the homeserver: its URL and timeout, and the header its CDN or proxy wants on
 * admin calls (`homeserver.adminHeader`, value from the secrets) for every part that calls the admin API.
 */
import { type AdminHeader, homeserverHttp, type HomeserverHttp } from '../adapters/synapse/http-client.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantSecrets } from './tenant-secrets.js';

/** The header the homeserver's CDN wants on admin calls, when the config names one (its value is a secret). */
export const adminHeaderOf = (config: TenantConfig, secrets: Pick<TenantSecrets, 'homeserverHeaderValue'>): AdminHeader | undefined =>
  config.homeserver.adminHeader && secrets.homeserverHeaderValue
    ? { name: config.homeserver.adminHeader, value: secrets.homeserverHeaderValue }
    : undefined;

export function tenantHomeserverHttp(
  config: TenantConfig,
  secrets: Pick<TenantSecrets, 'homeserverHeaderValue'>,
  fetchImpl?: typeof fetch,
): HomeserverHttp {
  return homeserverHttp(config.homeserver.url, config.homeserver.timeoutMs, fetchImpl, adminHeaderOf(config, secrets));
}
