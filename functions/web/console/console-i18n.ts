/**
 * Which console catalogue a person gets (the `lang` query, then the cookie, then Accept-Language, then
 * English), and a sentence with its values filled in. A new language is a file copying `console-en.ts` key
 * for key (the type makes a missing key a compile error) and one entry below.
 */
import { consoleAr } from './console-ar.js';
import { consoleDe } from './console-de.js';
import { type ConsoleKey, type ConsoleMessages, consoleEn } from './console-en.js';
import { consoleEs } from './console-es.js';
import { consoleFr } from './console-fr.js';

export const CONSOLE_CATALOGUES: Readonly<Record<string, ConsoleMessages>> = Object.fromEntries(
  [consoleEn, consoleDe, consoleFr, consoleEs, consoleAr].map((m) => [m.lang, m]),
);

export function pickConsoleLanguage(hints: { query?: string; cookie?: string; acceptLanguage?: string }): ConsoleMessages {
  const known = (tag: string | undefined) => {
    const lower = tag?.trim().toLowerCase();
    if (!lower) return undefined;
    return CONSOLE_CATALOGUES[lower] ?? CONSOLE_CATALOGUES[lower.split('-')[0]!];
  };
  const accepted = (hints.acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part) => part.split(';')[0])
    .map(known)
    .find(Boolean);
  return known(hints.query) ?? known(hints.cookie) ?? accepted ?? consoleEn;
}

/** A sentence with `{name}` filled in; in a right-to-left language each value is a bidi isolate. */
export function say(t: ConsoleMessages, key: ConsoleKey, values: Record<string, string | number> = {}): string {
  const [open, close] = t.dir === 'rtl' ? ['\u2068', '\u2069'] : ['', ''];
  return t[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? open + String(values[name]) + close : whole));
}
