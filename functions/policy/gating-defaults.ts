/**
 * The gating defaults the running code falls back on, apart from their schemas (gating-config.ts): the
 * functions read them at every cold start; the schemas are for parsing a config only.
 */

/**
 * The per-client-IP limits in force when the tenant config names none (or leaves one out). A client waiting
 * for its email link polls `/register` (Element every 2 s: 30 a minute) on top of its stage calls; 60 a
 * minute leaves room for that and a few people behind one NAT, and holds one network to one name a second.
 * The fallback pages are used by hand: 10 a minute is plenty, and each captcha POST is a paid siteverify call.
 */
export const DEFAULT_RATE_LIMITS = {
  register: { max: 60, windowSeconds: 60 },
  available: { max: 60, windowSeconds: 60 },
  tokenValidity: { max: 10, windowSeconds: 60 },
  fallback: { max: 10, windowSeconds: 60 },
} as const;

/** IPv6 clients are counted by network, this many leading bits: one subscriber is usually given a /64 or more. */
export const DEFAULT_IPV6_PREFIX_LENGTH = 64;
