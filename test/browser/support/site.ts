/** The front door the browser suites and the screenshot script open: the page's config, the flows, the way in. No vitest here. */
import { type Harness, type HarnessOptions, startHarness, THREEPID } from '../../support/harness.js';

export const SIGNUP = '/signup';
export const PASSWORD = 'a long and quiet river';

/** The page's tenant config: a brand, and the address a person types into a client. */
export const PAGES = {
  path: SIGNUP,
  brand: { name: 'Example Chat', supportUrl: 'https://example.org/help' },
  homeserverUrl: 'https://matrix.example.org',
  elementWebUrl: 'https://app.element.io',
};

export const FLOWS = {
  termsAndDummy: [['m.login.terms', 'm.login.dummy']],
  email: [['m.login.terms', 'm.login.email.identity']],
  phone: [['m.login.terms', 'm.login.msisdn']],
  invite: [['m.login.registration_token', 'm.login.terms']],
};

/** A front door serving the page for `flows` (plus anything in `config`), over real HTTP, its links pointing at itself. */
export function startSignupSite(flows: string[][], options: HarnessOptions = {}): Promise<Harness> {
  const { config, ...rest } = options;
  return startHarness({
    messaging: true,
    ...rest,
    config: { threepid: THREEPID, pages: PAGES, ...config, registration: { flows } },
  });
}

export const signupUrl = (h: Harness, query = '') => `${h.url}${SIGNUP}${query}`;
