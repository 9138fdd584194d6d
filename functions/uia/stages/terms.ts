/**
 * `m.login.terms`: the client shows the tenant's policies; passing records which versions were accepted,
 * in which language each was shown, and the client IP's keyed hash (the terms acceptance record).
 */
import type { KeyedHash } from '../../crypto/keyed-hash.js';
import { LoginType } from '../../matrix/login-types.js';
import { pass, type SessionFreeStage } from './stage.js';
import type { TermsConfig } from './terms-config.js';

/** The keyed-hash purpose of the client IP in a terms record. */
export const TERMS_IP_PURPOSE = 'terms-ip';

export function termsStage(terms: TermsConfig, hasher?: KeyedHash): SessionFreeStage<typeof LoginType.Terms> {
  const params = { policies: terms.policies };
  const accepted = Object.fromEntries(Object.entries(terms.policies).map(([id, p]) => [id, p.version]));
  return {
    type: LoginType.Terms,
    sessionFree: true,
    params: () => params,
    // Submitting the stage is the acceptance; keep what a record of it needs, so it can be audited later.
    check: async ({ auth, clientIp }) =>
      pass({
        accepted,
        lang: shownLanguages(terms, typeof auth.lang === 'string' ? auth.lang : undefined),
        ...(hasher ? { ipHash: hasher.hash(TERMS_IP_PURPOSE, clientIp) } : {}),
      }),
  };
}

/**
 * The language each policy was shown in: the one asked for (the sign-up page sends its own as `lang`)
 * where the policy has it, else English, else its first; as the sign-up page picks the text it shows.
 * A stock client says nothing of its language, so its record names the policy's default.
 */
function shownLanguages(terms: TermsConfig, asked?: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(terms.policies).map(([id, policy]) => {
      const languages = Object.keys(policy).filter((key) => key !== 'version');
      const lang = asked && languages.includes(asked) ? asked : languages.includes('en') ? 'en' : languages[0]!;
      return [id, lang];
    }),
  );
}
