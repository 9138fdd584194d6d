/** A tenant file: how the tenant is deployed, and its front-door config, both checked at synth. */
import { z } from 'zod';

const arn = (service: string, resource: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]*:\\d{12}:${resource}`), `must be an ARN of ${service} ${resource}`);

const httpsUrl = z.url({ protocol: /^https$/ });
const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name');
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
    /** A custom domain for the HTTP API; the certificate is in ACM in the stack's region. */
    domain: z
      .object({ domainName: hostname, certificateArn: arn('acm', 'certificate/') })
      .strict()
      .optional(),
    /** The verified SES identity (domain or address) that frontDoor.threepid.email.from sends as; SES allows that sender only. */
    email: z
      .object({ identityArn: arn('ses', 'identity/') })
      .strict()
      .optional(),
    /** Enables SMS: the SMS sender may publish, and an alarm watches the account's month-to-date SMS spend. */
    sms: z
      .object({ monthlySpendAlarmUsd: z.number().positive().max(100_000) })
      .strict()
      .optional(),
    logRetentionDays: z
      .number()
      .refine(
        (d) => (logRetentionDays as readonly number[]).includes(d),
        `must be one of CloudWatch's retention periods: ${logRetentionDays.join(', ')}`,
      )
      .default(90),
    /** Where alarms go: an existing SNS topic, or a new one with an optional e-mail subscription. */
    alarms: z
      .object({ topicArn: arn('sns', '[A-Za-z0-9_-]+$').optional(), email: z.email().optional() })
      .strict()
      .default({}),
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
