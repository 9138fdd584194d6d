/** The mailer and SMS sender of a tenant, on SES and SNS (over the functions' own HTTP transport), built from its config. */
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import type { TenantConfig } from '../config/tenant-config.js';
import { sesMailer } from '../adapters/ses/ses-mailer.js';
import { snsSmsSender } from '../adapters/sns/sns-sms-sender.js';
import { unhurriedHandler } from '../adapters/aws/http-handler.js';
import type { Mailer, SmsSender } from '../ports/index.js';
import type { Env } from './cold-start.js';

/** Optional: an SES configuration set for the verification mail (bounces, complaints). */
export const SES_CONFIGURATION_SET_VARIABLE = 'FRONT_DOOR_SES_CONFIGURATION_SET';

/** The SES mailer, sending as the tenant's `threepid.email.from`; undefined when the tenant sends no mail. */
export function tenantMailer(config: TenantConfig, env: Env): Mailer | undefined {
  const email = config.threepid?.email;
  if (!email) return undefined;
  const configurationSet = env[SES_CONFIGURATION_SET_VARIABLE];
  return sesMailer(new SESClient({ requestHandler: unhurriedHandler() }), {
    from: email.from,
    ...(configurationSet ? { configurationSet } : {}),
  });
}

/** The SNS SMS sender with the tenant's sender ID; undefined when the tenant sends no SMS. */
export function tenantSmsSender(config: TenantConfig): SmsSender | undefined {
  const msisdn = config.threepid?.msisdn;
  if (!msisdn) return undefined;
  return snsSmsSender(new SNSClient({ requestHandler: unhurriedHandler() }), {
    ...(msisdn.senderId ? { senderId: msisdn.senderId } : {}),
    // As SNS wants it: a plain decimal, at most five places (0.05, not 5e-2).
    ...(msisdn.maxPriceUsd === undefined ? {} : { maxPriceUsd: String(Number(msisdn.maxPriceUsd.toFixed(5))) }),
  });
}
