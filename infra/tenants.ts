/** Loads the tenants that cdk.json lists and validates each, so a bad tenant stops the synth by name and field. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../functions/model/config-error.js';
import { parseTenantConfig, type TenantConfig } from '../functions/config/tenant-config.js';
import { flowSetFromConfig } from '../functions/compose/flows.js';
import { senderAddress } from './front-door.js';
import { tenantFileSchema, type TenantDeployment } from './tenant-file.js';
import { tenantFindings } from './tenant-checks.js';

export interface Tenant {
  name: string;
  file: string;
  config: TenantConfig;
  deployment: TenantDeployment;
  /** What synth lets through but says out loud (an explicit override, a missing price cap). */
  warnings: string[];
}

/** A tenant that cannot be deployed: names the tenant, its file, and every field at fault. */
export class TenantError extends Error {
  constructor(
    readonly tenant: string,
    readonly problems: string[],
    file?: string,
  ) {
    super(`tenant "${tenant}"${file ? ` (${file})` : ''} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TenantError';
  }
}

const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Reads `context.tenants` (`{name: path}`), resolving paths against `baseDir`. */
export function loadTenants(listed: unknown, baseDir: string): Tenant[] {
  if (!listed || typeof listed !== 'object' || Array.isArray(listed) || Object.keys(listed).length === 0) {
    throw new Error(
      'cdk.json context "tenants" must map each tenant name to its file, e.g. {"example-org": "infra/tenants/example-org.json"}',
    );
  }
  const tenants = Object.entries(listed).map(([name, file]) => {
    if (typeof file !== 'string') throw new TenantError(name, ['cdk.json: the tenant must map to the path of its file']);
    return loadTenant(name, file, readJson(name, resolve(baseDir, file)));
  });
  refuseSharedSmsLogging(tenants);
  return tenants;
}

/**
 * SMS delivery-status logging is one setting per account and region: two stacks setting it would overwrite
 * each other's role. A tenant without an account or region deploys to the CLI's, which may be any other's.
 */
function refuseSharedSmsLogging(tenants: readonly Tenant[]): void {
  const setting = tenants.filter((t) => t.deployment.sms?.deliveryStatusLogging);
  const same = (a?: string, b?: string) => a === undefined || b === undefined || a === b;
  for (const [i, tenant] of setting.entries()) {
    const other = setting
      .slice(0, i)
      .find((o) => same(o.deployment.region, tenant.deployment.region) && same(o.deployment.account, tenant.deployment.account));
    if (other) {
      throw new TenantError(
        tenant.name,
        [
          `deployment.sms.deliveryStatusLogging: tenant "${other.name}" sets it already in the same account and region (it is one account-wide setting; give both an explicit account and region if they differ)`,
        ],
        tenant.file,
      );
    }
  }
}

function readJson(name: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TenantError(name, [`${path}: ${(error as Error).message}`]);
  }
}

/** Validates one tenant: its name, its deployment settings, and its front-door config as the functions will. */
export function loadTenant(name: string, file: string, raw: unknown): Tenant {
  if (!TENANT_NAME.test(name)) throw new TenantError(name, ['name: must be 1-40 lower-case letters, digits or hyphens'], file);
  const parsed = tenantFileSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const deployment = parsed.data?.deployment;
  // The front-door config is checked even when the deployment settings are wrong: every field at once.
  let config: TenantConfig | undefined;
  try {
    config = parseTenantConfig((raw as { frontDoor?: unknown } | null)?.frontDoor);
    flowSetFromConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `frontDoor.${p}`));
  }
  const findings = config && deployment ? tenantFindings(config, deployment) : { problems: [], warnings: [] };
  if (config && deployment) problems.push(...deploymentProblems(config, deployment), ...findings.problems);
  if (problems.length > 0 || !config || !deployment) throw new TenantError(name, problems, file);
  return { name, file, config, deployment, warnings: findings.warnings };
}

/** What the config asks for that the deployment does not provide. */
function deploymentProblems(config: TenantConfig, deployment: TenantDeployment): string[] {
  const problems: string[] = [];
  const email = config.threepid?.email;
  if (email && !deployment.email)
    problems.push('deployment.email: required when frontDoor.threepid.email is set (the SES identity to send as)');
  if (email && deployment.email && !identityCovers(deployment.email.identityArn, senderAddress(email.from))) {
    problems.push(
      `deployment.email.identityArn: must be the SES identity of frontDoor.threepid.email.from (${senderAddress(email.from)}) or of its domain`,
    );
  }
  if (deployment.email && !email) problems.push('deployment.email: set only with frontDoor.threepid.email (nothing else sends mail)');
  if (config.threepid?.msisdn && !deployment.sms)
    problems.push('deployment.sms: required when frontDoor.threepid.msisdn is set (the SMS spend alarm)');
  if (deployment.sms && !config.threepid?.msisdn)
    problems.push('deployment.sms: set only with frontDoor.threepid.msisdn (nothing else sends SMS)');
  if (deployment.homeserverCdn && !deployment.homeserverCdn.originUrl && !config.homeserver.url.startsWith('https://')) {
    problems.push('deployment.homeserverCdn.originUrl: required when frontDoor.homeserver.url is not https');
  }
  if (deployment.domain && !deployment.domain.certificateArn && !deployment.hostedZone) {
    problems.push('deployment.domain.certificateArn: required unless deployment.hostedZone is set (the stack then makes the certificate)');
  }
  if (deployment.hostedZone && deployment.domain && !inZone(deployment.domain.domainName, deployment.hostedZone.zoneName)) {
    problems.push(
      `deployment.domain.domainName: ${deployment.domain.domainName} is not in the hosted zone ${deployment.hostedZone.zoneName}`,
    );
  }
  if (deployment.frontDoorCdn && deployment.homeserverCdn) {
    problems.push('deployment.frontDoorCdn: not with homeserverCdn, whose distribution already fronts the front door');
  }
  return problems;
}

const inZone = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** An identity ARN ends in the address itself or in its domain. */
function identityCovers(identityArn: string, address: string): boolean {
  const identity = identityArn.slice(identityArn.indexOf(':identity/') + ':identity/'.length).toLowerCase();
  const lower = address.toLowerCase();
  return identity === lower || identity === lower.slice(lower.lastIndexOf('@') + 1);
}
