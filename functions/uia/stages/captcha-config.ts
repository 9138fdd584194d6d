/** The tenant's captcha for `m.login.recaptcha`: which provider, its site key, and where it may be solved. */
import * as z from 'zod';

export const captchaConfigSchema = z
  .object({
    provider: z.enum(['recaptcha', 'hcaptcha', 'turnstile']),
    /** The site key shown to clients in `params` (the secret is FRONT_DOOR_CAPTCHA_SECRET). */
    publicKey: z.string().min(1),
    /** The hostnames the provider must report the captcha was solved on. */
    hostnames: z
      .array(
        z
          .string()
          .min(1)
          .transform((h) => h.toLowerCase()),
      )
      .min(1),
    /** Overrides the provider's verification endpoint (an enterprise endpoint, or a local stand-in). */
    verifyUrl: z.url({ protocol: /^https?$/ }).optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  })
  .strict();

export type CaptchaConfig = z.infer<typeof captchaConfigSchema>;
