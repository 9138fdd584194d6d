/** The tenant's observability settings: the sign-up counters in the table and the SMS price used for spend estimates. */
import * as z from 'zod/mini';
import { integer } from '../model/schema-parts.js';

export const observabilityConfigSchema = () =>
  z.strictObject({
    /**
     * Keep hourly sign-up counters in the tenant table (the operator console's funnel). One UpdateItem per
     * request that counts something, sent beside the request's own write: a call more in that round, not a round.
     */
    counters: z._default(z.boolean(), true),
    /** USD per SMS for the spend estimate; without it, a per-country estimate (policy/sms-price.ts). */
    smsPriceUsd: z.optional(z.number().check(z.positive(), z.maximum(10))),
    /** `npm start` prints the sign-up funnel this often when it changed (seconds; 0: never). */
    localSummarySeconds: z._default(integer(0, 3600), 10),
  });

export type ObservabilityConfig = z.infer<ReturnType<typeof observabilityConfigSchema>>;
export const DEFAULT_OBSERVABILITY: ObservabilityConfig = { counters: true, localSummarySeconds: 10 };
