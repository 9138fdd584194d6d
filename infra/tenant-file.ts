/** A tenant file: how the tenant is deployed, and its front-door config, both checked at synth. */
import { z } from 'zod';
import { arn, frontDoorCdnSchema, hostedZoneSchema, hostname, networkSchema } from './tenant-file-network.js';

const httpsUrl = z.url({ protocol: /^https$/ });
const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const tenantDeploymentSchema = z
  .object({
    /** Where the stack goes; both default to the CLI's account and region. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region, e.g. eu-west-1')
      .optional(),
    /** A custom domain for the HTTP API; the certificate is in ACM in the stack's region (made by the stack with `hostedZone`). */
    domain: z
      .object({ domainName: hostname, certificateArn: arn('acm', 'certificate/').optional() })
      .strict()
      .optional(),
    /** The Route 53 zone of the custom domains: the stack then makes the API's certificate and the alias records. */
    hostedZone: hostedZoneSchema.optional(),
    /** Where the functions that call the homeserver run: the tenant's VPC subnets, or a NAT with a fixed egress IP. */
    network: networkSchema.optional(),
    /** CloudFront and WAF in front of the front door itself; the execute-api URL then refuses whoever lacks the origin header. */
    frontDoorCdn: frontDoorCdnSchema.optional(),
    /** How the operator API is authorised: the bearer key alone, or IAM (SigV4) at API Gateway and the key. */
    operatorAuth: z.enum(['key', 'iam']).default('key'),
    /** The verified SES identity (domain or address) that frontDoor.threepid.email.from sends as; SES allows that sender only. */
    email: z
      .object({ identityArn: arn('ses', 'identity/') })
      .strict()
      .optional(),
    /** Enables SMS: the SMS sender may publish, and an alarm watches the account's month-to-date SMS spend. */
    sms: z
      .object({
        monthlySpendAlarmUsd: z.number().positive().max(100_000),
        /** Alarm when SNS reports this many failed SMS deliveries within an hour (account-wide in the region). */
        failedDeliveriesAlarm: z.number().int().min(1).default(10),
        /**
         * Synth refuses SMS without a daily ceiling, a captcha or send gate, and a country list; this lets it
         * through anyway (with a synth warning). Anyone on the internet can then make the tenant pay for SMS.
         */
        unsafeAllowUnprotectedSms: z.boolean().default(false),
        /**
         * ACCOUNT-WIDE in the region: the stack sets SNS's SMS delivery-status logging (SetSMSAttributes) with a
         * role of its own, and counts the failure log for the SMS-failure alarm. One tenant per account and region.
         */
        deliveryStatusLogging: z
          .object({
            /** The share of successful deliveries logged too (failures are always logged). */
            successSamplingPercent: z.number().int().min(0).max(100).default(0),
            /** The failure log group exists already (logging was set up before): use it instead of making it. */
            failureLogGroupExists: z.boolean().default(false),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    logRetentionDays: z
      .number()
      .refine(
        (d) => (logRetentionDays as readonly number[]).includes(d),
        `must be one of CloudWatch's retention periods: ${logRetentionDays.join(', ')}`,
      )
      .default(90),
    /**
     * Where alarms go: an existing SNS topic, or a new one with an e-mail subscription. One of them is required:
     * an alarm nobody receives protects nothing. `notifyNobody: true` says so on purpose (a trial stack).
     */
    alarms: z
      .object({
        topicArn: arn('sns', '[A-Za-z0-9_-]+$').optional(),
        email: z.email().optional(),
        notifyNobody: z.boolean().default(false),
        /** Rate-limited answers (HTTP 429) in five minutes that count as a storm. */
        tooManyRequestsPer5Minutes: z.number().int().min(1).default(200),
        /** SES bounces and complaints (of the tenant's configuration set) per hour. */
        bouncesPerHour: z.number().int().min(1).default(10),
        complaintsPerHour: z.number().int().min(1).default(1),
      })
      .strict()
      .refine((a) => a.notifyNobody || Boolean(a.topicArn ?? a.email), {
        message: 'name a subscriber (email or topicArn), or set notifyNobody: true to deploy alarms that reach nobody',
      })
      .optional(),
    /** API Gateway throttling for the whole stage: the front door is public and each request costs. */
    throttle: z
      .object({ rateLimit: z.number().int().min(1).max(10_000), burstLimit: z.number().int().min(1).max(5_000) })
      .strict()
      .default({ rateLimit: 50, burstLimit: 100 }),
    /** CloudFront in front of the homeserver, sending only the registration paths to the front door. */
    homeserverCdn: z
      .object({
        /** The homeserver as CloudFront reaches it; defaults to frontDoor.homeserver.url (must be https). */
        originUrl: httpsUrl.optional(),
        domainName: hostname.optional(),
        /** In ACM in us-east-1, as CloudFront requires. */
        certificateArn: arn('acm', 'certificate/').optional(),
        webAclArn: arn('wafv2', 'global/webacl/').optional(),
        priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
        /**
         * How long CloudFront waits for the homeserver's answer: /sync long-polls for 30 s, so the 30 s default
         * cuts it off. Up to 60 without asking AWS; 61-180 needs a raised "Response timeout per origin" quota.
         */
        originReadTimeoutSeconds: z.number().int().min(31).max(180).default(60),
        /** How long CloudFront keeps an idle connection to the homeserver open (over 60 needs a quota increase too). */
        originKeepaliveSeconds: z.number().int().min(1).max(180).default(60),
      })
      .strict()
      .refine((c) => Boolean(c.domainName) === Boolean(c.certificateArn), 'domainName and certificateArn go together')
      .optional(),
  })
  .strict();

export type TenantDeployment = z.infer<typeof tenantDeploymentSchema>;

/** The file's outer shape; `frontDoor` is checked by the functions' own schema, not here. */
export const tenantFileSchema = z
  .object({ deployment: tenantDeploymentSchema.default(tenantDeploymentSchema.parse({})), frontDoor: z.unknown() })
  .strict();
