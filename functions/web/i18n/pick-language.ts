/**
 * Which catalogue a person gets: the `lang` query (a switcher link), then the language the sign-up was
 * started in (the cookie), then the browser's Accept-Language, then English.
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { type LanguageHints, pickLanguageTag } from '../../model/language-tags.js';

/** Every catalogue by its language tag; the order is the switcher's (model/language-tags.ts LANGUAGE_TAGS, the same). */
export const CATALOGUES: Readonly<Record<string, Messages>> = Object.fromEntries([en, de, fr, es, ar].map((m) => [m.lang, m]));

export type { LanguageHints } from '../../model/language-tags.js';

/** The catalogue of the language the hints choose (model/language-tags.ts chooses; English when unknown). */
export function pickLanguage(hints: LanguageHints): Messages {
  return CATALOGUES[pickLanguageTag(hints)] ?? en;
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
