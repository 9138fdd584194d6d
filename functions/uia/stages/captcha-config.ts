/** The tenant's captcha for `m.login.recaptcha`: which provider, its site key, and where it may be solved. */
import * as z from 'zod/mini';
import { httpUrl, integer } from '../../model/schema-parts.js';

export const captchaConfigSchema = () =>
  z.strictObject({
    provider: z.enum(['recaptcha', 'hcaptcha', 'turnstile']),
    /** The site key shown to clients in `params` (the secret is FRONT_DOOR_CAPTCHA_SECRET). */
    publicKey: z.string().check(z.minLength(1)),
    /** The hostnames the provider must report the captcha was solved on. */
    hostnames: z
      .array(
        z.pipe(
          z.string().check(z.minLength(1)),
          z.transform((h) => h.toLowerCase()),
        ),
      )
      .check(z.minLength(1)),
    /** Overrides the provider's verification endpoint (an enterprise endpoint, or a local stand-in). */
    verifyUrl: z.optional(httpUrl()),
    timeoutMs: z._default(integer(100, 30_000), 5000),
  });

export type CaptchaConfig = z.infer<ReturnType<typeof captchaConfigSchema>>;
