/** The tenant's observability settings: the sign-up counters in the table and the SMS price used for spend estimates. */
import * as z from 'zod';

export const observabilityConfigSchema = z
  .object({
    /**
     * Keep hourly sign-up counters in the tenant table (the operator console's funnel). One UpdateItem per
     * request that counted something, after its answer is computed: it adds time, not a round before the answer.
     */
    counters: z.boolean().default(true),
    /** USD per SMS for the spend estimate; without it, a per-country estimate (policy/sms-price.ts). */
    smsPriceUsd: z.number().positive().max(10).optional(),
    /** `npm start` prints the sign-up funnel this often when it changed (seconds; 0: never). */
    localSummarySeconds: z.number().int().min(0).max(3600).default(10),
  })
  .strict();

export type ObservabilityConfig = z.infer<typeof observabilityConfigSchema>;
export const DEFAULT_OBSERVABILITY: ObservabilityConfig = { counters: true, localSummarySeconds: 10 };
