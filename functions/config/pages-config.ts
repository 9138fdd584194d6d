/** The hosted sign-up page (`pages`): where it is served, how it looks, where a new account goes next. */
import * as z from 'zod/mini';
import { httpUrl } from '../model/schema-parts.js';

const colour = () => z.string().check(z.regex(/^#[0-9a-fA-F]{3,8}$/, 'must be a hex colour() such as #0d7a5f'));

export const DEFAULT_PAGES_PATH = '/signup';

export const pagesConfigSchema = () =>
  z.strictObject({
    /** Where the page is served; its steps post back to it, the mail link returns to `<path>/continue`. */
    path: z._default(
      z.string().check(
        z.regex(/^\/[a-z0-9][a-z0-9\-/]*[a-z0-9]$/, 'must be a path such as /signup (lowercase letters, digits, - and /)'),
        z.refine((p) => !p.startsWith('/_matrix') && !p.startsWith('/_front_door'), 'must not be under /_matrix or /_front_door'),
      ),
      DEFAULT_PAGES_PATH,
    ),
    brand: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(100)),
      logoUrl: z.optional(httpUrl()),
      supportUrl: z.optional(httpUrl()),
      colors: z.optional(z.strictObject({ accent: colour(), background: colour(), text: colour() })),
    }),
    /** Element Web, opened on the done page with the homeserver filled in. */
    elementWebUrl: z._default(httpUrl(), 'https://app.element.io'),
    /** The URL a person types into a client; default: threepid.publicBaseUrl, else homeserver.url. */
    homeserverUrl: z.optional(httpUrl()),
    /** The front door's public address (for mail links and invite links); default: threepid.publicBaseUrl. */
    publicBaseUrl: z.optional(httpUrl()),
    /** The languages offered (default: every language the front door has). */
    languages: z.optional(z.array(z.string().check(z.regex(/^[a-z]{2,3}$/))).check(z.minLength(1))),
  });

export type PagesConfig = z.infer<ReturnType<typeof pagesConfigSchema>>;
