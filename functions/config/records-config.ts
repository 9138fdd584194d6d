/**
 * What the front door keeps and tells about sign-ups: terms acceptance records and the operator audit log
 * (with their retention), sign-up events (an EventBridge bus, a webhook) and onboarding after creation.
 */
import * as z from 'zod/mini';
import { httpUrl, integer } from '../model/schema-parts.js';

const DAY_SECONDS = 24 * 3600;

export const recordsConfigSchema = () =>
  z.strictObject({
    /** How long a terms acceptance record is kept (DynamoDB TTL): 3 years unless set. */
    termsRetentionDays: z._default(integer(1, 36_500), 1095),
    /** How long an operator audit entry is kept: 400 days unless set. */
    auditRetentionDays: z._default(integer(1, 36_500), 400),
  });

/** Room ids (`!…:server`) or aliases (`#…:server`), as Synapse's admin join API takes them. */
const roomIdOrAlias = () =>
  z.string().check(z.regex(/^[!#][^:\s]+:[A-Za-z0-9.\-:[\]]+$/, 'must be a room id (!id:server) or alias (#alias:server)'));

export const eventsConfigSchema = () =>
  z
    .strictObject({
      /** Amazon EventBridge: the bus's name or ARN, and the events' `source`. */
      eventBridge: z.optional(
        z.strictObject({
          busName: z.string().check(z.minLength(1), z.maxLength(1600)),
          source: z._default(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,256}$/)), 'matrix.front-door'),
        }),
      ),
      /** The tenant's webhook, signed as Standard Webhooks (secret: FRONT_DOOR_EVENTS_WEBHOOK_SECRET). */
      webhook: z.optional(
        z.strictObject({
          url: httpUrl(),
          timeoutMs: z._default(integer(100, 30_000), 5000),
        }),
      ),
      /** Longest wait between two delivery attempts of one event (the wait doubles from 30 s up to it). */
      maxRetryDelaySeconds: z._default(integer(30, DAY_SECONDS), 3600),
    })
    .check(z.refine((e) => e.eventBridge || e.webhook, 'needs "eventBridge" or "webhook" (or both)'));

export const onboardingConfigSchema = () =>
  z.strictObject({
    /** Rooms every new account joins (Synapse's admin join API: needs the admin token, and the admin in each room). */
    rooms: z._default(z.array(roomIdOrAlias()).check(z.maxLength(50)), []),
  });

export type RecordsConfig = z.infer<ReturnType<typeof recordsConfigSchema>>;
export type EventsConfig = z.infer<ReturnType<typeof eventsConfigSchema>>;
export type OnboardingConfig = z.infer<ReturnType<typeof onboardingConfigSchema>>;

export const DEFAULT_RECORDS: RecordsConfig = { termsRetentionDays: 1095, auditRetentionDays: 400 };
