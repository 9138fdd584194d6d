/**
 * The optional display name on the sign-up page's account step: carried in the session to the account's
 * creation (in the shared-secret register call, or the admin API's PUT), checked on its field, and never
 * asked of a Matrix client (JSON `/register` has no such field). The decision hook's name wins over it.
 */
import { describe, expect, it } from 'vitest';
import { accountDisplayName, type RegistrationSession } from '../../functions/model/session.js';
import { useHarness } from '../support/use-harness.js';
import { PageBrowser, stepOf } from './page-browser.js';
import { BRAND } from './page-tenants.js';

const PASSWORD = 'a page password 8c1f';

/** Through the account and terms steps, with what the account step's form is given. */
async function signUp(browser: PageBrowser, account: Record<string, string>) {
  await browser.open('/signup');
  const terms = await browser.submit('/signup', { step: 'account', password: PASSWORD, password_confirm: PASSWORD, ...account });
  if (stepOf(terms) !== 'm.login.terms') return terms;
  return browser.submit('/signup', { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' });
}

describe.each(['shared_secret', 'admin_api'] as const)('the display name on the sign-up page (%s)', (mode) => {
  const h = useHarness({ mode, config: { pages: { brand: BRAND } } });

  it('offers an optional display name field on the account step, in the page language', async () => {
    const page = await new PageBrowser(h.app).open('/signup');
    expect(stepOf(page)).toBe('account');
    expect(page.html).toMatch(/<label for="field-display_name">Display name \(optional\)<\/label>/);
    const input = page.html.match(/<input[^>]*id="field-display_name"[^>]*>/)![0];
    expect(input).toContain('autocomplete="nickname"');
    expect(input).toContain('maxlength="256"');
    expect(input).not.toMatch(/\brequired\b/);
    const german = await new PageBrowser(h.app).open('/signup?lang=de');
    expect(german.html).toContain('Anzeigename (optional)');
  });

  it('gives the account the display name typed on the form, trimmed', async () => {
    const done = await signUp(new PageBrowser(h.app), { username: `dana${mode.length}`, display_name: '  Dana Q. Example  ' });
    expect(stepOf(done)).toBe('done');
    expect(h.homeserver.getUser(`@dana${mode.length}:localhost`)?.displayname).toBe('Dana Q. Example');
  });

  it('leaves the homeserver its default (the localpart) when the field is left empty', async () => {
    const done = await signUp(new PageBrowser(h.app), { username: `erin${mode.length}`, display_name: '   ' });
    expect(stepOf(done)).toBe('done');
    const user = h.homeserver.getUser(`@erin${mode.length}:localhost`)!;
    expect(user.displayname ?? `erin${mode.length}`).toBe(`erin${mode.length}`);
  });

  it('refuses a display name longer than 256 characters on its field, keeping what was typed', async () => {
    const long = 'x'.repeat(257);
    const refused = await signUp(new PageBrowser(h.app), { username: `finn${mode.length}`, display_name: long });
    expect(refused.status).toBe(400);
    expect(stepOf(refused)).toBe('account');
    expect(refused.html).toMatch(/id="field-display_name"[^>]*aria-invalid="true"/);
    expect(refused.html).toContain('Use at most 256 characters for your display name.');
    expect(refused.html).toContain(`value="finn${mode.length}"`);
    expect(h.homeserver.getUser(`@finn${mode.length}:localhost`)).toBeUndefined();
  });
});

describe('which display name the account gets', () => {
  const session = { id: 's', createdAt: 0, expiresAt: 1, status: 'open', stages: {} } as unknown as RegistrationSession;

  it("takes the decision hook's name over the one typed on the form, and the form's when the hook gives none", () => {
    expect(accountDisplayName({ ...session, displayName: 'Typed', enrichment: { displayName: 'From hook' } })).toBe('From hook');
    expect(accountDisplayName({ ...session, displayName: 'Typed', enrichment: { rooms: ['#a:b'] } })).toBe('Typed');
    expect(accountDisplayName(session)).toBeUndefined();
  });
});
