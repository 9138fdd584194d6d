/**
 * The language is chosen by tag (model/language-tags.ts) apart from the catalogues, so that the register API
 * records a sign-up's language without loading them: the tags must stay those of the catalogues.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGE_TAGS, pickLanguageTag } from '../../functions/model/language-tags.js';
import { CATALOGUES, pickLanguage } from '../../functions/web/i18n/pick-language.js';

describe('choosing a language by tag', () => {
  it('knows exactly the languages there are catalogues for, in the switcher order', () => {
    expect([...LANGUAGE_TAGS]).toEqual(Object.keys(CATALOGUES));
  });

  it('chooses the tag whose catalogue the pages would show', () => {
    const hints = [
      {},
      { acceptLanguage: 'de-CH;q=0.9, en;q=0.5' },
      { acceptLanguage: 'pt-BR, fr;q=0.2' },
      { acceptLanguage: 'ar', offered: ['en', 'de'] },
      { query: 'es', cookie: 'de', acceptLanguage: 'fr' },
      { query: 'xx', cookie: 'DE' },
      { acceptLanguage: '*, es;q=0' },
      { offered: ['fr', 'de'] },
      { offered: ['xx'] },
    ];
    for (const h of hints) expect(pickLanguageTag(h)).toBe(pickLanguage(h).lang);
    expect(pickLanguageTag({ acceptLanguage: 'de-CH;q=0.9, en;q=0.5' })).toBe('de');
    expect(pickLanguageTag({ offered: ['fr', 'de'] })).toBe('fr');
  });
});
