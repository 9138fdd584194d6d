/** The tenant's settings for email and phone verification, checked with the rest of the config. */
import * as z from 'zod/mini';
import { rateLimitSchema } from '../model/rate-limit-schema.js';
import { httpUrl, integer } from '../model/schema-parts.js';
import { TokenlessAdd } from './tokenless-add.js';

/** A domain as the config keeps it: lower case, without the leading dots of `.example.org` ("and its subdomains"). */
export const domainName = (d: string) => d.toLowerCase().replace(/^\.+/, '');
// Its length is checked after the change: "." would otherwise be kept as "", which every host ending in a dot
// matches, and a config parsed again (the functions did at each cold start) would be refused.
const domain = () => z.string().check(z.overwrite(domainName), z.minLength(1));
const country = () =>
  z.pipe(
    z.string().check(z.regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 code')),
    z.transform((c) => c.toUpperCase()),
  );
const lifetimeSeconds = (max: number) => z._default(integer(60, max), 3600);

/** What an address added without an access token may cost: see `addWithoutToken`. */
const tokenlessAdd = () => z.enum([TokenlessAdd.Allow, TokenlessAdd.Gate, TokenlessAdd.Refuse]);

const nonEmpty = () => z.string().check(z.minLength(1));

export const emailConfigSchema = () =>
  z.strictObject({
    /** The sender, e.g. "Example Chat <no-reply@example.org>"; an identity verified in SES. */
    from: z.string().check(z.minLength(3)),
    tokenLifetimeSeconds: lifetimeSeconds(7 * 24 * 3600),
    /** When set, only these domains (and their subdomains) may be used. */
    allowedDomains: z.optional(z.array(domain())),
    deniedDomains: z._default(z.array(domain()), []),
    /** Overrides of the mail text; placeholders: {{brand}} {{link}} {{address}} {{minutes}}. */
    templates: z._default(z.partial(z.strictObject({ subject: nonEmpty(), text: nonEmpty(), html: nonEmpty() })), {}),
  });

export const msisdnConfigSchema = () =>
  z.strictObject({
    senderId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]{1,11}$/, '1 to 11 letters or digits'))),
    tokenLifetimeSeconds: lifetimeSeconds(24 * 3600),
    allowedCountries: z.optional(z.array(country())),
    deniedCountries: z._default(z.array(country()), []),
    /** Refuse numbers libphonenumber's full metadata does not know as mobile (where the sms function checks). */
    mobileOnly: z._default(z.boolean(), true),
    /** The most one SMS may cost, in US dollars (SNS `AWS.SNS.SMS.MaxPrice`): dearer messages are not sent. */
    maxPriceUsd: z.optional(z.number().check(z.minimum(0.00001), z.maximum(9999))),
    /** Overrides of the SMS text; placeholders: {{brand}} {{code}} {{minutes}}. */
    template: z.optional(nonEmpty()),
  });

export const threepidConfigSchema = () =>
  z.strictObject({
    /** The name people know the service by, used in mails and SMS. */
    brandName: nonEmpty(),
    /** Where the front door is reached from outside: links in mails and `submit_url` point here. */
    publicBaseUrl: httpUrl(),
    email: z.optional(emailConfigSchema()),
    msisdn: z.optional(msisdnConfigSchema()),
    /** Wrong codes accepted before a validation session is dead. */
    maxCodeAttempts: z._default(integer(1, 20), 5),
    /** Answer "address in use" like a normal send, after a random delay, and tell the owner instead. */
    enumerationSafe: z._default(z.boolean(), false),
    /**
     * `/account/3pid/<medium>/requestToken` without an access token (the spec asks for none; matrix-js-sdk sends
     * none): `allow` it within the limits, apply the send `gate` to it as to a sign-up's, or `refuse` it (401).
     */
    addWithoutToken: z._default(
      z.strictObject({ email: z._default(tokenlessAdd(), 'allow'), msisdn: z._default(tokenlessAdd(), 'gate') }),
      {
        email: 'allow',
        msisdn: 'gate',
      },
    ),
    /** When set, `next_link` must point at one of these hosts (or their subdomains). */
    nextLinkDomains: z.optional(z.array(domain())),
    rateLimits: z._default(
      z.strictObject({
        perAddress: z._default(rateLimitSchema(), { max: 5, windowSeconds: 3600 }),
        perClientIp: z._default(rateLimitSchema(), { max: 20, windowSeconds: 3600 }),
      }),
      { perAddress: { max: 5, windowSeconds: 3600 }, perClientIp: { max: 20, windowSeconds: 3600 } },
    ),
  });

export type ThreepidConfig = z.infer<ReturnType<typeof threepidConfigSchema>>;
export type EmailConfig = z.infer<ReturnType<typeof emailConfigSchema>>;
export type MsisdnConfig = z.infer<ReturnType<typeof msisdnConfigSchema>>;
