/** The hosted sign-up page (`pages`): where it is served, how it looks, where a new account goes next. */
import * as z from 'zod';

const colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'must be a hex colour such as #0d7a5f');
const httpUrl = z.url({ protocol: /^https?$/ });

export const DEFAULT_PAGES_PATH = '/signup';

export const pagesConfigSchema = z
  .object({
    /** Where the page is served; its steps post back to it, the mail link returns to `<path>/continue`. */
    path: z
      .string()
      .regex(/^\/[a-z0-9][a-z0-9\-/]*[a-z0-9]$/, 'must be a path such as /signup (lowercase letters, digits, - and /)')
      .refine((p) => !p.startsWith('/_matrix') && !p.startsWith('/_front_door'), 'must not be under /_matrix or /_front_door')
      .default(DEFAULT_PAGES_PATH),
    brand: z
      .object({
        name: z.string().min(1).max(100),
        logoUrl: httpUrl.optional(),
        supportUrl: httpUrl.optional(),
        colors: z.object({ accent: colour, background: colour, text: colour }).strict().optional(),
      })
      .strict(),
    /** Element Web, opened on the done page with the homeserver filled in. */
    elementWebUrl: httpUrl.default('https://app.element.io'),
    /** The URL a person types into a client; default: threepid.publicBaseUrl, else homeserver.url. */
    homeserverUrl: httpUrl.optional(),
    /** The front door's public address (for mail links and invite links); default: threepid.publicBaseUrl. */
    publicBaseUrl: httpUrl.optional(),
    /** The languages offered (default: every language the front door has). */
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .min(1)
      .optional(),
  })
  .strict();

export type PagesConfig = z.infer<typeof pagesConfigSchema>;
