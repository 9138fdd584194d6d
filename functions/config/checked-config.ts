/**
 * The tenant config as the stack hands it to each function: parsed at synth (infra/tenants.ts), and beside
 * it the digest of exactly that JSON. A cold start that finds the two agreeing takes the config as it is:
 * parsing it again would give the same config (test/config-checked.test.ts holds the example configs to that)
 * and cost ~2.5 ms, after ~7 ms building the schemas (issue 18).
 * The digest tells the stack's config from one edited by hand (in the console, say), which is then parsed
 * in full; it is no security boundary: whoever may set one variable may set both.
 */
import { createHash } from 'node:crypto';
import type { TenantConfig } from './tenant-config.js';

export const CONFIG_JSON_VARIABLE = 'FRONT_DOOR_CONFIG_JSON';
export const CONFIG_DIGEST_VARIABLE = 'FRONT_DOOR_CONFIG_SHA256';

type Env = Record<string, string | undefined>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The two variables, from a config parseTenantConfig returned: the stack sets them, and so does the bench. */
export function checkedConfigEnv(config: TenantConfig): { [CONFIG_JSON_VARIABLE]: string; [CONFIG_DIGEST_VARIABLE]: string } {
  const json = JSON.stringify(config);
  return { [CONFIG_JSON_VARIABLE]: json, [CONFIG_DIGEST_VARIABLE]: sha256(json) };
}

/**
 * The overrides of applyEnvOverrides (tenant-config.ts) that only the schema can check: with any of them
 * set, the config is parsed. TABLE_NAME is not one: the stack sets it on every function (the table's
 * name is known at deployment only, so it cannot be in the digest), and its rule is checked here.
 */
const PARSED_OVERRIDES = ['HOMESERVER_URL', 'SERVER_NAME', 'PORT'] as const;

/** tenantConfigSchema's rule for `tableName`, by hand. */
const fitsTableName = (name: string) => name.length >= 3 && name.length <= 255;

/**
 * The stack's config, when the digest matches and nothing in the environment needs the schema; undefined
 * otherwise (no digest, another digest, an override to check), and the caller parses.
 */
export function checkedConfig(env: Env): TenantConfig | undefined {
  const json = env[CONFIG_JSON_VARIABLE];
  const digest = env[CONFIG_DIGEST_VARIABLE];
  // A plain comparison: the digest guards against mistakes, not against anyone (see above).
  if (!json || !digest || sha256(json) !== digest) return undefined;
  // As applyEnvOverrides reads them: an empty variable is no override.
  if (PARSED_OVERRIDES.some((name) => env[name])) return undefined;
  const config = JSON.parse(json) as TenantConfig;
  const tableName = env.TABLE_NAME;
  if (!tableName) return config;
  return fitsTableName(tableName) ? { ...config, tableName } : undefined;
}
