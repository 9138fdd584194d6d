/** One rate limit as the tenant config writes it, shared by every section that sets limits. */
import * as z from 'zod/mini';
import { integer } from './schema-parts.js';

/** At most `max` hits within `windowSeconds` (a week at most); the RateLimiter port counts them. */
export const rateLimitSchema = () =>
  z.strictObject({
    max: z.number().check(z.int(), z.minimum(1)),
    windowSeconds: integer(1, 7 * 24 * 3600),
  });
