/**
 * What synth refuses (or warns about) beyond the schemas: SMS spend protection, subscribed alarms, the
 * homeserver timeouts against the functions' and API Gateway's, and networks that cannot work.
 */
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { LoginType } from '../functions/matrix/login-types.js';
import type { TenantDeployment } from './tenant-file.js';
import { functionTimeouts } from './timeouts.js';

export interface Findings {
  problems: string[];
  /** Shown at synth (as CDK warnings on the stack); they do not stop it. */
  warnings: string[];
}

export function tenantFindings(config: TenantConfig, deployment: TenantDeployment): Findings {
  const found: Findings = { problems: [], warnings: [] };
  smsSpendFindings(config, deployment, found);
  if (!deployment.alarms) {
    found.problems.push(
      'deployment.alarms: required: name who receives the alarms (email or topicArn), or set notifyNobody: true on purpose',
    );
  } else if (deployment.alarms.notifyNobody && !deployment.alarms.email && !deployment.alarms.topicArn) {
    found.warnings.push('deployment.alarms.notifyNobody: the alarms of this stack reach nobody');
  }
  found.problems.push(...functionTimeouts(config).problems);
  // The pass-through and whoami carry access tokens to it from functions outside any network of the tenant's.
  if (config.homeserver.clientUrl && !config.homeserver.clientUrl.startsWith('https://')) {
    found.problems.push('frontDoor.homeserver.clientUrl: must be https (access tokens travel to it over the internet)');
  }
  const network = deployment.network;
  if (network?.mode === 'vpc' && !network.internetEgress) {
    for (const what of internetCalls(config)) {
      found.problems.push(
        `deployment.network: ${what} is on the internet, and these subnets have no internet egress: set internetEgress: true (your NAT) or use mode "nat"`,
      );
    }
  }
  return found;
}

/** What the functions in the network call on the internet: the register function verifies captchas, asks the decision hook and delivers events. */
function internetCalls(config: TenantConfig): string[] {
  return [
    ...(config.captcha ? ['the captcha provider'] : []),
    ...(config.decisionHook ? ['the decision hook (frontDoor.decisionHook.url)'] : []),
    ...(config.events?.webhook ? ['the events webhook (frontDoor.events.webhook.url)'] : []),
  ];
}

/** The protections an SMS tenant must have, as [what is missing, why] pairs. */
function missingSmsProtections(config: TenantConfig): string[] {
  const missing: string[] = [];
  if (config.rateLimits?.smsPerDay === undefined) missing.push('frontDoor.rateLimits.smsPerDay: a daily ceiling on SMS sent');
  const captchaFlows = config.captcha && config.registration.flows.some((flow) => flow.includes(LoginType.Recaptcha));
  if (!config.gate?.beforeSending && !captchaFlows) {
    missing.push('frontDoor.gate.beforeSending (or a captcha): something a script must pass before an SMS is sent');
  }
  if (!config.threepid?.msisdn?.allowedCountries?.length) {
    missing.push('frontDoor.threepid.msisdn.allowedCountries: the countries SMS may go to (toll fraud targets premium-rate ranges)');
  }
  return missing;
}

function smsSpendFindings(config: TenantConfig, deployment: TenantDeployment, found: Findings): void {
  const msisdn = config.threepid?.msisdn;
  if (!msisdn) return;
  const missing = missingSmsProtections(config);
  if (deployment.sms?.unsafeAllowUnprotectedSms) {
    for (const what of missing) found.warnings.push(`UNSAFE SMS (unsafeAllowUnprotectedSms): missing ${what}`);
  } else {
    for (const what of missing) {
      found.problems.push(
        `${what.split(':')[0]}: required when frontDoor.threepid.msisdn is set (SMS spend protection):${what.split(':')[1]}`,
      );
    }
  }
  if (!config.gate?.beforeSending && missing.length === 0) {
    found.warnings.push('frontDoor.gate.beforeSending is off: the captcha guards sign-ups, but requestToken sends SMS to anyone who asks');
  }
  if (msisdn.maxPriceUsd === undefined) {
    found.warnings.push('frontDoor.threepid.msisdn.maxPriceUsd: unset, SNS sends an SMS whatever it costs');
  }
}
