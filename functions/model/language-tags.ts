/**
 * Which language a person gets, by tag alone: the `lang` query (a switcher link), then the language the
 * sign-up was started in (the cookie), then the browser's Accept-Language, then English. Kept apart from
 * the catalogues (web/i18n/) so that a part which only records the tag (the register API) loads none.
 */

/** The languages the front door has a catalogue for, in the switcher's order (web/i18n/pick-language.ts holds them). */
export const LANGUAGE_TAGS = ['en', 'de', 'fr', 'es', 'ar'] as const;

export interface LanguageHints {
  query?: string;
  cookie?: string;
  acceptLanguage?: string;
  /** The tenant's languages (config `pages.languages`); all known ones when absent. */
  offered?: readonly string[];
}

/** The tag chosen from the hints among the offered languages that the front door knows. */
export function pickLanguageTag(hints: LanguageHints): string {
  const known: readonly string[] = LANGUAGE_TAGS;
  const offered = (hints.offered ?? known).filter((l) => known.includes(l));
  const match = (tag: string | undefined) => {
    if (!tag) return undefined;
    const lower = tag.trim().toLowerCase();
    return offered.find((l) => l === lower) ?? offered.find((l) => l === lower.split('-')[0]);
  };
  const chosen = match(hints.query) ?? match(hints.cookie) ?? fromAcceptLanguage(hints.acceptLanguage, match);
  return chosen ?? (offered.includes('en') ? 'en' : (offered[0] ?? 'en'));
}

/** The highest-weighted tag of the header that is offered (`de-CH;q=0.9, en;q=0.5`). */
function fromAcceptLanguage(header: string | undefined, match: (tag: string) => string | undefined): string | undefined {
  if (!header) return undefined;
  const tags = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', weight: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of tags) {
    const found = match(tag);
    if (found) return found;
  }
  return undefined;
}
