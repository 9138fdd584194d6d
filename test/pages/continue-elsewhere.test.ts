/** The mail link opened in another browser: the address is confirmed there, the sign-up goes on where it began. */
import { describe, expect, it } from 'vitest';
import { de } from '../../functions/web/i18n/de.js';
import { en } from '../../functions/web/i18n/en.js';
import { linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { PageBrowser, stepOf } from './page-browser.js';

const PASSWORD = 'a page password 3e9a';

describe('the mail link opened without the sign-up cookie', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.terms', 'm.login.email.identity']] },
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>' } },
      pages: { brand: { name: 'Example Chat' } },
    },
  });

  /** A sign-up in one browser up to "check your mail"; answers that browser and the continue path of its mail link. */
  async function signUpTo(address: string, username: string) {
    const browser = new PageBrowser(h.app);
    await browser.open('/signup');
    await browser.submit('/signup', { step: 'account', username, password: PASSWORD, password_confirm: PASSWORD });
    await browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
    const sent = await browser.submit('/signup', { step: 'm.login.email.identity', email: address });
    expect(stepOf(sent)).toBe('email_sent');
    const link = await linkInMail(h, address);
    return { browser, link };
  }

  /** Follows the mailed link as a browser would (submit_token validates, then redirects to the page). */
  async function follow(link: URL): Promise<string> {
    const confirmed = await fetch(`${h.url}${link.pathname}${link.search}`, { redirect: 'manual' });
    expect(confirmed.status).toBe(302);
    const back = new URL(confirmed.headers.get('location')!);
    expect(back.pathname).toBe('/signup/continue');
    return `${back.pathname}${back.search}`;
  }

  it('says the address is confirmed, in the reader’s language, and sends them back to the first browser', async () => {
    const { browser, link } = await signUpTo('erin@example.org', 'pageerin');
    const continuePath = await follow(link);

    const phone = new PageBrowser(h.app, { 'accept-language': 'de-DE,de;q=0.9' });
    const elsewhere = await phone.open(continuePath);
    expect(elsewhere.status).toBe(200);
    expect(stepOf(elsewhere)).toBe('email_confirmed_elsewhere');
    expect(elsewhere.html).toMatch(/<html lang="de" dir="ltr"/);
    expect(elsewhere.html).toContain(de.confirmedElsewhereBody);
    // Nothing there can move someone else's sign-up: no form, no CSRF field, no cookie handed out.
    expect(elsewhere.html).not.toContain('<form');
    expect(elsewhere.html).not.toContain('name="csrf"');
    expect(elsewhere.headers.get('set-cookie')).toBeNull();
    expect(h.homeserver.getUser('@pageerin:localhost')).toBeUndefined();

    // The browser that began the sign-up finishes it with the same link.
    const done = await browser.open(continuePath);
    expect(stepOf(done)).toBe('done');
    expect(h.homeserver.getUser('@pageerin:localhost')?.threepids).toEqual([
      expect.objectContaining({ medium: 'email', address: 'erin@example.org' }),
    ]);
  });

  it('says it in English to a browser that asks for no language the page has', async () => {
    const { link } = await signUpTo('frank@example.org', 'pagefrank');
    const elsewhere = await new PageBrowser(h.app, { 'accept-language': 'xx' }).open(await follow(link));
    expect(stepOf(elsewhere)).toBe('email_confirmed_elsewhere');
    expect(elsewhere.html).toContain(en.confirmedElsewhereBody);
  });

  it('does not call an address confirmed whose link was never followed, nor a sid that names nothing', async () => {
    const { link } = await signUpTo('grace@example.org', 'pagegrace');
    const sid = link.searchParams.get('sid')!;
    const stranger = new PageBrowser(h.app);
    const unconfirmed = await stranger.open(`/signup/continue?sid=${encodeURIComponent(sid)}`);
    expect(unconfirmed.status).toBe(400);
    expect(stepOf(unconfirmed)).toBe('link');
    expect(unconfirmed.html).toContain(en.linkInvalid);
    const unknown = await stranger.open('/signup/continue?sid=abcdef');
    expect(unknown.status).toBe(400);
    expect(stepOf(unknown)).toBe('link');
  });

  it('treats a browser holding another sign-up like any other browser', async () => {
    const { link } = await signUpTo('heidi@example.org', 'pageheidi');
    const continuePath = await follow(link);
    const other = await signUpTo('ivan@example.org', 'pageivan');
    const answer = await other.browser.open(continuePath);
    expect(stepOf(answer)).toBe('email_confirmed_elsewhere');
    // Neither sign-up moved: heidi's waits for her own browser, ivan's still waits for his mail.
    expect(h.homeserver.getUser('@pageheidi:localhost')).toBeUndefined();
    expect(h.homeserver.getUser('@pageivan:localhost')).toBeUndefined();
    expect(stepOf(await other.browser.open('/signup'))).toBe('email_sent');
  });
});
