/**
 * The sign-up page's languages: every catalogue is complete and keeps English's placeholders, the
 * language is picked from the switcher, the sign-up's cookie or the browser, and Arabic reads right to left.
 */
import { describe, expect, it } from 'vitest';
import { ar } from '../../functions/web/i18n/ar.js';
import { de } from '../../functions/web/i18n/de.js';
import { en, type Messages } from '../../functions/web/i18n/en.js';
import { CATALOGUES, pickLanguage, say } from '../../functions/web/i18n/pick-language.js';
import { useHarness } from '../support/use-harness.js';

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const translations = Object.values(CATALOGUES).filter((m) => m !== en);

describe('the catalogues', () => {
  it('offer English, German, French, Spanish and Arabic', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr']);
  });

  for (const messages of Object.values(CATALOGUES)) {
    describe(messages.languageName, () => {
      it('has exactly the keys of the English catalogue, each a non-empty string', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
        for (const [key, value] of Object.entries(messages)) {
          expect(typeof value, key).toBe('string');
          expect((value as string).trim(), key).not.toBe('');
        }
      });

      it('keeps every placeholder of the English sentence, no more and no fewer', () => {
        for (const key of Object.keys(en) as (keyof Messages)[]) {
          expect(placeholders(messages[key]), key).toEqual(placeholders(en[key]));
        }
      });

      it('is filed under its own language tag', () => {
        expect(CATALOGUES[messages.lang]).toBe(messages);
      });
    });
  }

  it('translates every sentence rather than leaving the English one in place', () => {
    for (const messages of translations) {
      for (const key of Object.keys(en) as (keyof Messages)[]) {
        // Short words ("Code", "minutes") can be the same in two languages; sentences cannot.
        if (en[key].length > 20) expect(messages[key], `${messages.lang}.${key}`).not.toBe(en[key]);
      }
    }
  });

  it('marks Arabic, and only Arabic, as written right to left', () => {
    const rtl = Object.values(CATALOGUES)
      .filter((m) => m.dir === 'rtl')
      .map((m) => m.lang);
    expect(rtl).toEqual(['ar']);
  });

  it('fills placeholders in any language and leaves unknown ones visible', () => {
    expect(say(CATALOGUES.de!, 'M_LIMIT_EXCEEDED', { wait: say(CATALOGUES.de!, 'retryInSeconds', { seconds: 30 }) })).toBe(
      'Zu viele Versuche. Warten Sie 30 Sekunden und versuchen Sie es dann erneut.',
    );
    expect(say(CATALOGUES.fr!, 'stepOf', { current: 1 })).toBe('Étape 1 sur {total}');
  });

  it('isolates each value in a right-to-left sentence, so a Matrix ID keeps its @ at the front', () => {
    expect(say(CATALOGUES.ar!, 'usernameHint', { example: '@alice:example.org' })).toContain('\u2068@alice:example.org\u2069');
    expect(say(en, 'usernameHint', { example: '@alice:example.org' })).not.toMatch(/[\u2068\u2069]/);
  });
});

describe('picking the language', () => {
  const lang = (hints: Parameters<typeof pickLanguage>[0]) => pickLanguage(hints).lang;

  it('takes the highest-weighted language the browser asks for, by its main subtag', () => {
    expect(lang({ acceptLanguage: 'de-CH,de;q=0.9,en;q=0.8' })).toBe('de');
    expect(lang({ acceptLanguage: 'en;q=0.5, fr-CA;q=0.9' })).toBe('fr');
    expect(lang({ acceptLanguage: 'ar-EG' })).toBe('ar');
    expect(lang({ acceptLanguage: 'ES' })).toBe('es');
  });

  it('skips languages it does not have and goes on down the list', () => {
    expect(lang({ acceptLanguage: 'nl-NL,nl;q=0.9,es;q=0.7,en;q=0.6' })).toBe('es');
  });

  it('keeps the header order between equal weights', () => {
    expect(lang({ acceptLanguage: 'fr;q=0.8, de;q=0.8' })).toBe('fr');
  });

  it('never picks a language the browser refused with q=0, and ignores the wildcard', () => {
    expect(lang({ acceptLanguage: 'de;q=0, *;q=0.5' })).toBe('en');
  });

  it('falls back to English for a missing, empty or unreadable header', () => {
    expect(lang({})).toBe('en');
    expect(lang({ acceptLanguage: '' })).toBe('en');
    expect(lang({ acceptLanguage: ';;,,q=;de;q=abc' })).toBe('en');
    expect(lang({ acceptLanguage: 'x'.repeat(10_000) })).toBe('en');
  });

  it('prefers the switcher (query) over the sign-up cookie, and the cookie over the browser', () => {
    expect(lang({ query: 'ar', cookie: 'fr', acceptLanguage: 'de' })).toBe('ar');
    expect(lang({ cookie: 'fr', acceptLanguage: 'de' })).toBe('fr');
    expect(lang({ query: 'xx', cookie: 'es', acceptLanguage: 'de' })).toBe('es');
  });

  it('offers only the tenant languages, and its first one when English is not among them', () => {
    expect(lang({ acceptLanguage: 'ar', offered: ['en', 'de'] })).toBe('en');
    expect(lang({ query: 'fr', offered: ['en', 'de'] })).toBe('en');
    expect(lang({ acceptLanguage: 'nl', offered: ['de', 'fr'] })).toBe('de');
    expect(lang({ acceptLanguage: 'fr', offered: ['de', 'fr'] })).toBe('fr');
  });
});

describe('the sign-up page in the person’s language', () => {
  const h = useHarness({ config: { pages: { brand: { name: 'Example Chat' }, homeserverUrl: 'https://matrix.example.org' } } });

  /** A browser of one: keeps the sign-up cookie between requests, as a person's browser does. */
  const browser = () => {
    const jar = new Map<string, string>();
    return async (path: string, init: { acceptLanguage?: string; form?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
      if (init.acceptLanguage) headers['accept-language'] = init.acceptLanguage;
      const res = await h.app.request(path, init.form ? { method: 'POST', headers, body: new URLSearchParams(init.form) } : { headers });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      return { status: res.status, location: res.headers.get('location'), html: await res.text() };
    };
  };
  const htmlTag = (page: string) => page.match(/<html[^>]*>/)?.[0] ?? '';
  const hidden = (page: string, name: string) => page.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';

  it('answers a browser that asks for Arabic right to left, in Arabic', async () => {
    const page = await browser()('/signup', { acceptLanguage: 'ar-EG,ar;q=0.9,en;q=0.5' });
    expect(page.status).toBe(200);
    expect(htmlTag(page.html)).toMatch(/lang="ar"/);
    expect(htmlTag(page.html)).toMatch(/dir="rtl"/);
    expect(page.html).toContain(ar.accountHeading);
    expect(page.html).toContain(ar.continue);
  });

  it('answers a German browser in German, left to right, and an unknown language in English', async () => {
    const german = await browser()('/signup', { acceptLanguage: 'de-CH,de;q=0.9,en;q=0.8' });
    expect(htmlTag(german.html)).toMatch(/lang="de" dir="ltr"/);
    expect(german.html).toContain(de.accountHeading);
    const other = await browser()('/signup', { acceptLanguage: 'nl' });
    expect(htmlTag(other.html)).toMatch(/lang="en" dir="ltr"/);
  });

  it('links every other language from the switcher, named in its own language', async () => {
    const page = await browser()('/signup', { acceptLanguage: 'fr' });
    for (const messages of Object.values(CATALOGUES)) {
      if (messages.lang === 'fr') {
        expect(page.html).toMatch(new RegExp(`<span lang="fr" aria-current="true">${messages.languageName}</span>`));
      } else {
        expect(page.html).toContain(`hreflang="${messages.lang}" lang="${messages.lang}">${messages.languageName}</a>`);
      }
    }
  });

  it('switches the language with the switcher and keeps the choice over the browser’s', async () => {
    const visit = browser();
    expect(htmlTag((await visit('/signup', { acceptLanguage: 'de' })).html)).toMatch(/lang="de"/);
    const href = (await visit('/signup', { acceptLanguage: 'de' })).html.match(/href="([^"]+)" hreflang="ar"/)?.[1];
    expect(href).toBeDefined();
    const switched = await visit(href!.replaceAll('&amp;', '&'), { acceptLanguage: 'de' });
    expect(switched.status).toBe(303);
    const after = await visit(switched.location!, { acceptLanguage: 'de' });
    expect(htmlTag(after.html)).toMatch(/lang="ar" dir="rtl"/);
    expect(after.html).toContain(ar.accountHeading);
  });

  it('says what went wrong in the chosen language, tied to the field', async () => {
    const visit = browser();
    const page = await visit('/signup', { acceptLanguage: 'ar' });
    const answer = await visit('/signup', {
      acceptLanguage: 'ar',
      form: {
        step: 'account',
        csrf: hidden(page.html, 'csrf'),
        username: 'layla',
        password: 'a long and quiet river',
        password_confirm: 'another river',
      },
    });
    expect(answer.status).toBe(400);
    expect(htmlTag(answer.html)).toMatch(/dir="rtl"/);
    expect(answer.html).toMatch(new RegExp(`role="alert"[^>]*>[^<]*${ar.passwordMismatch}`));
    expect(answer.html).not.toContain('a long and quiet river');
  });
});
