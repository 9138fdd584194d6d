/**
 * The tenant's gating settings: sign-up policy, rate limits, the send gate and where the client IP comes
 * from (the captcha's settings live with its stage, uia/stages/captcha-config.ts). Every section is
 * optional, so a config written before gating keeps working unchanged.
 */
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { rateLimitSchema } from '../model/rate-limit-schema.js';
import { integer } from '../model/schema-parts.js';
import { DEFAULT_IPV6_PREFIX_LENGTH, DEFAULT_RATE_LIMITS } from './gating-defaults.js';

const denyRule = () =>
  z
    .strictObject({
      match: z.enum(['literal', 'substring', 'prefix', 'regex']),
      pattern: z.string().check(z.minLength(1), z.maxLength(255)),
    })
    .check(
      z.refine((r) => r.match !== 'regex' || compiles(r.pattern), {
        message: 'pattern is not a valid regular expression',
        path: ['pattern'],
      }),
    );

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** `a.b.c.d/n` or `v6::/n`; a bare address means that one address. */
export function cidrProblem(cidr: string): string | undefined {
  const [address, prefix, ...rest] = cidr.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return `"${cidr}" is not an IPv4 or IPv6 address or range`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return `"${cidr}" has an impossible prefix length`;
  return undefined;
}

export const signupPolicySchema = () =>
  z.strictObject({
    username: z._default(
      z
        .strictObject({
          minLength: z._default(integer(1, 255), 1),
          maxLength: z._default(integer(1, 255), 255),
          /** Names refused whatever the homeserver says; matched against the lowercased localpart. */
          deny: z._default(z.array(denyRule()), []),
        })
        .check(z.refine((u) => u.minLength <= u.maxLength, 'minLength must not exceed maxLength')),
      { minLength: 1, maxLength: 255, deny: [] },
    ),
    password: z._default(
      z.strictObject({
        requireLowercase: z._default(z.boolean(), false),
        requireUppercase: z._default(z.boolean(), false),
        requireDigit: z._default(z.boolean(), false),
        requireSymbol: z._default(z.boolean(), false),
        /** At least this many of: lowercase, uppercase, digit, symbol. */
        minCharacterClasses: z._default(integer(0, 4), 0),
        /** Refuses the most common passwords (a short built-in list). */
        rejectCommon: z._default(z.boolean(), true),
        /** Refuses a password that contains the username. */
        rejectUsername: z._default(z.boolean(), true),
      }),
      {
        requireLowercase: false,
        requireUppercase: false,
        requireDigit: false,
        requireSymbol: false,
        minCharacterClasses: 0,
        rejectCommon: true,
        rejectUsername: true,
      },
    ),
    email: z._default(
      z.strictObject({
        /** Refuses addresses at disposable-mail domains (data/disposable-domains.txt, or `disposableDomainsPath`). */
        blockDisposable: z._default(z.boolean(), true),
        disposableDomainsPath: z.optional(z.string().check(z.minLength(1))),
      }),
      { blockDisposable: true },
    ),
    /** Clients whose IP is in one of these ranges cannot use any registration endpoint. */
    deniedIpRanges: z._default(
      z.array(
        z.string().check(
          z.superRefine((cidr, ctx) => {
            const problem = cidrProblem(cidr);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
        ),
      ),
      [],
    ),
  });

export const rateLimitsConfigSchema = () =>
  z.strictObject({
    /** Per client IP (per IPv6 network: see clientIp.ipv6PrefixLength). */
    register: z._default(rateLimitSchema(), DEFAULT_RATE_LIMITS.register),
    available: z._default(rateLimitSchema(), DEFAULT_RATE_LIMITS.available),
    tokenValidity: z._default(rateLimitSchema(), DEFAULT_RATE_LIMITS.tokenValidity),
    /** Form submissions (POST) to the UIA fallback pages: the captcha and registration-token pages. */
    fallback: z._default(rateLimitSchema(), DEFAULT_RATE_LIMITS.fallback),
    /** SMS the tenant sends per UTC day, all numbers together. */
    smsPerDay: z.optional(z.number().check(z.int(), z.minimum(1))),
  });

export const gateConfigSchema = () =>
  z.strictObject({
    /** No email or SMS is sent to a client that has not passed a captcha or registration-token stage. */
    beforeSending: z._default(z.boolean(), true),
    /** How many requestToken calls one passed stage pays for. */
    sendsPerPass: z._default(integer(1, 50), 3),
    passLifetimeSeconds: z._default(integer(60, 24 * 3600), 1800),
  });

export const clientIpConfigSchema = () =>
  z.strictObject({
    /** Only behind a proxy you run: e.g. "x-forwarded-for". Unset, the IP comes from the Lambda event. */
    trustedProxyHeader: z.optional(
      z.pipe(
        z.string().check(z.regex(/^[A-Za-z0-9-]+$/)),
        z.transform((h) => h.toLowerCase()),
      ),
    ),
    /** How many proxies of yours append to that header: the client is that many entries from the right. */
    trustedProxies: z._default(integer(1, 10), 1),
    /**
     * Whether every entry of that header ends in `:port`, IPv6 ones without brackets (CloudFront-Viewer-Address
     * does: `2001:db8::1:443`). Unset, only cloudfront-viewer-address is read that way.
     */
    headerCarriesPort: z.optional(z.boolean()),
    /** IPv6 clients are counted by network, this many leading bits: one subscriber is usually given a /64 or more. */
    ipv6PrefixLength: z._default(integer(16, 128), DEFAULT_IPV6_PREFIX_LENGTH),
  });

export type SignupPolicyConfig = z.infer<ReturnType<typeof signupPolicySchema>>;
export type GateConfig = z.infer<ReturnType<typeof gateConfigSchema>>;
export type ClientIpConfig = z.infer<ReturnType<typeof clientIpConfigSchema>>;
export type UsernameDenyRule = z.infer<ReturnType<typeof denyRule>>;
