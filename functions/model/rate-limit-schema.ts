/** One rate limit as the tenant config writes it, shared by every section that sets limits. */
import * as z from 'zod';

/** At most `max` hits within `windowSeconds` (a week at most); the RateLimiter port counts them. */
export const rateLimitSchema = z
  .object({
    max: z.number().int().min(1),
    windowSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600),
  })
  .strict();
