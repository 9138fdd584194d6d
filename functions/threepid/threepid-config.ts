/** The tenant's settings for email and phone verification, checked with the rest of the config. */
import * as z from 'zod';
import { rateLimitSchema } from '../model/rate-limit-schema.js';

const domain = z
  .string()
  .min(1)
  .transform((d) => d.toLowerCase().replace(/^\.+/, ''));
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 code')
  .transform((c) => c.toUpperCase());

/** What an address added without an access token may cost: see `addWithoutToken`. */
export const TokenlessAdd = { Allow: 'allow', Gate: 'gate', Refuse: 'refuse' } as const;
export type TokenlessAdd = (typeof TokenlessAdd)[keyof typeof TokenlessAdd];
const tokenlessAdd = z.enum([TokenlessAdd.Allow, TokenlessAdd.Gate, TokenlessAdd.Refuse]);

export const emailConfigSchema = z
  .object({
    /** The sender, e.g. "Example Chat <no-reply@example.org>"; an identity verified in SES. */
    from: z.string().min(3),
    tokenLifetimeSeconds: z
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(3600),
    /** When set, only these domains (and their subdomains) may be used. */
    allowedDomains: z.array(domain).optional(),
    deniedDomains: z.array(domain).default([]),
    /** Overrides of the mail text; placeholders: {{brand}} {{link}} {{address}} {{minutes}}. */
    templates: z
      .object({ subject: z.string().min(1), text: z.string().min(1), html: z.string().min(1) })
      .partial()
      .strict()
      .default({}),
  })
  .strict();

export const msisdnConfigSchema = z
  .object({
    senderId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,11}$/, '1 to 11 letters or digits')
      .optional(),
    tokenLifetimeSeconds: z
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(3600),
    allowedCountries: z.array(country).optional(),
    deniedCountries: z.array(country).default([]),
    /** Refuse numbers libphonenumber's full metadata does not know as mobile (where the sms function checks). */
    mobileOnly: z.boolean().default(true),
    /** The most one SMS may cost, in US dollars (SNS `AWS.SNS.SMS.MaxPrice`): dearer messages are not sent. */
    maxPriceUsd: z.number().min(0.00001).max(9999).optional(),
    /** Overrides of the SMS text; placeholders: {{brand}} {{code}} {{minutes}}. */
    template: z.string().min(1).optional(),
  })
  .strict();

export const threepidConfigSchema = z
  .object({
    /** The name people know the service by, used in mails and SMS. */
    brandName: z.string().min(1),
    /** Where the front door is reached from outside: links in mails and `submit_url` point here. */
    publicBaseUrl: z.url({ protocol: /^https?$/ }),
    email: emailConfigSchema.optional(),
    msisdn: msisdnConfigSchema.optional(),
    /** Wrong codes accepted before a validation session is dead. */
    maxCodeAttempts: z.number().int().min(1).max(20).default(5),
    /** Answer "address in use" like a normal send, after a random delay, and tell the owner instead. */
    enumerationSafe: z.boolean().default(false),
    /**
     * `/account/3pid/<medium>/requestToken` without an access token (the spec asks for none; matrix-js-sdk sends
     * none): `allow` it within the limits, apply the send `gate` to it as to a sign-up's, or `refuse` it (401).
     */
    addWithoutToken: z
      .object({ email: tokenlessAdd.default('allow'), msisdn: tokenlessAdd.default('gate') })
      .strict()
      .default({ email: 'allow', msisdn: 'gate' }),
    /** When set, `next_link` must point at one of these hosts (or their subdomains). */
    nextLinkDomains: z.array(domain).optional(),
    rateLimits: z
      .object({
        perAddress: rateLimitSchema.default({ max: 5, windowSeconds: 3600 }),
        perClientIp: rateLimitSchema.default({ max: 20, windowSeconds: 3600 }),
      })
      .strict()
      .default({ perAddress: { max: 5, windowSeconds: 3600 }, perClientIp: { max: 20, windowSeconds: 3600 } }),
  })
  .strict();

export type ThreepidConfig = z.infer<typeof threepidConfigSchema>;
export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type MsisdnConfig = z.infer<typeof msisdnConfigSchema>;
