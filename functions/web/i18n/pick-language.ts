/**
 * Which catalogue a person gets: the `lang` query (a switcher link), then the language the sign-up was
 * started in (the cookie), then the browser's Accept-Language, then English.
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

/** Every catalogue by its language tag; the order is the switcher's. */
export const CATALOGUES: Readonly<Record<string, Messages>> = Object.fromEntries([en, de, fr, es, ar].map((m) => [m.lang, m]));

export interface LanguageHints {
  query?: string;
  cookie?: string;
  acceptLanguage?: string;
  /** The tenant's languages (config `pages.languages`); all known ones when absent. */
  offered?: readonly string[];
}

export function pickLanguage(hints: LanguageHints): Messages {
  const offered = (hints.offered ?? Object.keys(CATALOGUES)).filter((l) => CATALOGUES[l]);
  const match = (tag: string | undefined) => {
    if (!tag) return undefined;
    const lower = tag.trim().toLowerCase();
    return offered.find((l) => l === lower) ?? offered.find((l) => l === lower.split('-')[0]);
  };
  const chosen = match(hints.query) ?? match(hints.cookie) ?? fromAcceptLanguage(hints.acceptLanguage, match);
  return CATALOGUES[chosen ?? (offered.includes('en') ? 'en' : (offered[0] ?? 'en'))] ?? en;
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

/**
 * A sentence of the catalogue with its `{name}` values filled in (escaping happens where it is rendered).
 * In a right-to-left language each value is a bidi isolate (FSI…PDI), so a Matrix ID, an address or a
 * brand written left to right keeps its own order instead of having `@` or `+` pulled to the wrong end.
 */
export function say(messages: Messages, key: MessageKey, values: Record<string, string | number> = {}): string {
  const [open, close] = messages.dir === 'rtl' ? ['\u2068', '\u2069'] : ['', ''];
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? open + String(values[name]) + close : whole));
}
