/** The tenant's password-reset settings (`recovery`): off unless configured, and only with `threepid`. */
import * as z from 'zod/mini';
import { integer } from '../model/schema-parts.js';

export const DEFAULT_RESET_PAGE_PATH = '/forgot-password';

export const recoveryConfigSchema = () =>
  z.strictObject({
    /**
     * An address with no account gets the same answer as one with an account (a sid), and a notice instead
     * of a code: nobody learns from requestToken whether an address has an account here.
     */
    enumerationSafe: z._default(z.boolean(), false),
    /** How long a reset (its UIA session) may take from the first call. */
    sessionLifetimeSeconds: z._default(integer(60, 24 * 3600), 3600),
    /** Where the hosted "Forgot password" page is served (with `pages` configured). */
    pagePath: z._default(
      z.string().check(
        z.regex(/^\/[a-z0-9][a-z0-9\-/]*[a-z0-9]$/, 'must be a path such as /forgot-password (lowercase letters, digits, - and /)'),
        z.refine((p) => !p.startsWith('/_matrix') && !p.startsWith('/_front_door'), 'must not be under /_matrix or /_front_door'),
      ),
      DEFAULT_RESET_PAGE_PATH,
    ),
  });

export type RecoveryConfig = z.infer<ReturnType<typeof recoveryConfigSchema>>;
