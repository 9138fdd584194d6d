/**
 * The "Forgot password" page over HTTP (no browser): linked from the sign-up page, safe headers on every
 * answer, a form without its CSRF field refused, a mail link of another reset refused, the address's errors at
 * its field, every language, and its routes in the route table that infra deploys.
 */
import { describe, expect, it } from 'vitest';
import { buildAccountApi, buildPagesApi, buildRegisterApi } from '../../functions/compose/build.js';
import { frontDoorRoutes } from '../../functions/http/route-table.js';
import { jsonLogger } from '../../functions/model/log.js';
import { CATALOGUES } from '../../functions/web/i18n/pick-language.js';
import { PageBrowser, stepOf } from '../pages/page-browser.js';
import { ADMIN_TOKEN, THREEPID } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { PAGES } from '../browser/support/site.js';
import { makeAccount } from './reset-support.js';

const PAGE = '/forgot-password';

describe('the forgot-password page', () => {
  const h = useHarness({
    messaging: true,
    config: { threepid: THREEPID, pages: PAGES, recovery: {}, registration: { flows: [['m.login.terms', 'm.login.email.identity']] } },
  });

  it('is linked from the sign-up page, and starts with the email step', async () => {
    const signup = await new PageBrowser(h.app).open('/signup');
    expect(signup.html).toContain(`<a href="${PAGE}" data-forgot-password>Forgot your password?</a>`);
    const page = await new PageBrowser(h.app).open(PAGE);
    expect(stepOf(page)).toBe('reset_email');
    expect(page.html).toContain(`action="${PAGE}"`);
    expect(page.html).toContain(`href="${PAGE}?use=phone"`);
    expect((await h.app.request(`${PAGE}/static/${page.html.match(/static\/([^"]+\.css)/)![1]}`)).status).toBe(200);
  });

  it('refuses a form without its CSRF field, and a mail link that belongs to no reset of this browser', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open(PAGE);
    const forged = await browser.post(PAGE, { step: 'reset_email', email: 'x@example.org' }, 'not-the-csrf');
    expect(forged.status).toBe(403);
    expect(stepOf(forged)).toBe('csrf');
    const foreign = await browser.get(`${PAGE}/continue?sid=abcdefabcdefabcdefabcdefabcdefab`);
    expect(foreign.status).toBe(400);
    expect(stepOf(foreign)).toBe('link');
  });

  it('shows an address without an account at its field, and a known one goes on to "check your mail"', async () => {
    await makeAccount(
      { url: h.homeserver.url, adminToken: ADMIN_TOKEN, serverName: 'localhost' },
      'pageuser',
      'the old and tired password',
      [{ medium: 'email', address: 'pageuser@example.org' }],
    );
    const browser = new PageBrowser(h.app);
    await browser.open(PAGE);
    const unknown = await browser.submit(PAGE, { step: 'reset_email', email: 'nobody@example.org' });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('id="error-email" role="alert">No account uses this address.');
    const known = await browser.submit(PAGE, { step: 'reset_email', email: 'pageuser@example.org' });
    expect(stepOf(known)).toBe('reset_email_sent');
    expect(known.html).toContain('If an account uses pageuser@example.org, we sent it a link.');
  });

  it('is served by the pages part, and /account/password by the account part only, as the route table says', async () => {
    const parts = { config: h.config, dynamo: h.db, clock: h.clock, log: jsonLogger(() => {}), secrets: h.secrets };
    const [pagesPart, accountPart, registerPart] = [buildPagesApi(parts), buildAccountApi(parts), buildRegisterApi(parts)];
    const page = await new PageBrowser(pagesPart).open(PAGE);
    expect(stepOf(page)).toBe('reset_email');
    expect((await accountPart.request(PAGE)).status).toBe(404);
    const reset = { method: 'POST', body: JSON.stringify({ new_password: 'a brand new long password' }) };
    // Without a UIA session, the account part answers the reset's 401 challenge; the pages and register parts have no such route.
    expect((await accountPart.request('/_matrix/client/v3/account/password', reset)).status).toBe(401);
    expect((await pagesPart.request('/_matrix/client/v3/account/password', reset)).status).toBe(404);
    expect((await registerPart.request('/_matrix/client/v3/account/password', reset)).status).toBe(404);
  });

  it('speaks every language the sign-up page speaks', async () => {
    for (const lang of Object.keys(CATALOGUES)) {
      const page = await new PageBrowser(h.app).open(`${PAGE}?lang=${lang}`);
      expect(page.html).toContain(`<html lang="${lang}" dir="${CATALOGUES[lang]!.dir}"`);
      expect(page.html).toContain(CATALOGUES[lang]!.resetHeading);
    }
  });
});

it('the route table gives the reset page its four routes and the reset endpoints their parts', () => {
  const routes = frontDoorRoutes('/signup', PAGE).map((r) => `${r.method} ${r.path} ${r.fn}`);
  expect(routes).toEqual(
    expect.arrayContaining([
      // A page, served with the sign-up page by the pages part (it holds the admin token too).
      `GET ${PAGE} pages`,
      `POST ${PAGE} pages`,
      `GET ${PAGE}/continue pages`,
      `GET ${PAGE}/static/{file} pages`,
      'POST /_matrix/client/v3/account/password account',
      'POST /_matrix/client/r0/account/password account',
      'POST /_matrix/client/v3/account/password/email/requestToken email',
      'POST /_matrix/client/v3/account/password/msisdn/requestToken sms',
    ]),
  );
});
