/** The tenant's password-reset settings (`recovery`): off unless configured, and only with `threepid`. */
import * as z from 'zod';

export const DEFAULT_RESET_PAGE_PATH = '/forgot-password';

export const recoveryConfigSchema = z
  .object({
    /**
     * An address with no account gets the same answer as one with an account (a sid), and a notice instead
     * of a code: nobody learns from requestToken whether an address has an account here.
     */
    enumerationSafe: z.boolean().default(false),
    /** How long a reset (its UIA session) may take from the first call. */
    sessionLifetimeSeconds: z
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(3600),
    /** Where the hosted "Forgot password" page is served (with `pages` configured). */
    pagePath: z
      .string()
      .regex(/^\/[a-z0-9][a-z0-9\-/]*[a-z0-9]$/, 'must be a path such as /forgot-password (lowercase letters, digits, - and /)')
      .refine((p) => !p.startsWith('/_matrix') && !p.startsWith('/_front_door'), 'must not be under /_matrix or /_front_door')
      .default(DEFAULT_RESET_PAGE_PATH),
  })
  .strict();

export type RecoveryConfig = z.infer<typeof recoveryConfigSchema>;
