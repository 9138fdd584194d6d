/**
 * What the front door keeps and tells about sign-ups: terms acceptance records and the operator audit log
 * (with their retention), sign-up events (an EventBridge bus, a webhook) and onboarding after creation.
 */
import * as z from 'zod';

const DAY_SECONDS = 24 * 3600;

export const recordsConfigSchema = z
  .object({
    /** How long a terms acceptance record is kept (DynamoDB TTL): 3 years unless set. */
    termsRetentionDays: z.number().int().min(1).max(36_500).default(1095),
    /** How long an operator audit entry is kept: 400 days unless set. */
    auditRetentionDays: z.number().int().min(1).max(36_500).default(400),
  })
  .strict();

/** Room ids (`!…:server`) or aliases (`#…:server`), as Synapse's admin join API takes them. */
const roomIdOrAlias = z.string().regex(/^[!#][^:\s]+:[A-Za-z0-9.\-:[\]]+$/, 'must be a room id (!id:server) or alias (#alias:server)');

export const eventsConfigSchema = z
  .object({
    /** Amazon EventBridge: the bus's name or ARN, and the events' `source`. */
    eventBridge: z
      .object({
        busName: z.string().min(1).max(1600),
        source: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,256}$/)
          .default('matrix.front-door'),
      })
      .strict()
      .optional(),
    /** The tenant's webhook, signed as Standard Webhooks (secret: FRONT_DOOR_EVENTS_WEBHOOK_SECRET). */
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        timeoutMs: z.number().int().min(100).max(30_000).default(5000),
      })
      .strict()
      .optional(),
    /** Longest wait between two delivery attempts of one event (the wait doubles from 30 s up to it). */
    maxRetryDelaySeconds: z.number().int().min(30).max(DAY_SECONDS).default(3600),
  })
  .strict()
  .refine((e) => e.eventBridge || e.webhook, 'needs "eventBridge" or "webhook" (or both)');

export const onboardingConfigSchema = z
  .object({
    /** Rooms every new account joins (Synapse's admin join API: needs the admin token, and the admin in each room). */
    rooms: z.array(roomIdOrAlias).max(50).default([]),
  })
  .strict();

export type RecordsConfig = z.infer<typeof recordsConfigSchema>;
export type EventsConfig = z.infer<typeof eventsConfigSchema>;
export type OnboardingConfig = z.infer<typeof onboardingConfigSchema>;

export const DEFAULT_RECORDS: RecordsConfig = { termsRetentionDays: 1095, auditRetentionDays: 400 };
