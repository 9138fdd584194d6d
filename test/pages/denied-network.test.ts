/** A browser on a denied network is told so with a page in its language; a Matrix client still gets JSON. */
import { describe, expect, it } from 'vitest';
import { send } from '../support/client.js';
import { REGISTER } from '../support/constants.js';
import { useHarness } from '../support/use-harness.js';
import { BRAND } from './page-tenants.js';

const DENIED = '192.0.2.7';
const ALLOWED = '198.51.100.7';

describe('the sign-up page on a denied network', () => {
  const h = useHarness({
    config: {
      registration: { flows: [['m.login.terms', 'm.login.dummy']] },
      signup: { deniedIpRanges: ['192.0.2.0/24'] },
      pages: { brand: BRAND },
    },
  });

  it('answers the page with a 403 page in the language the browser asks for', async () => {
    const page = await send(h.app, '/signup', { ip: DENIED, headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('lang="de"');
    expect(page.body).toContain('Aus Ihrem Netz nicht verfügbar');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses the form posts with the same page, and serves an allowed network as usual', async () => {
    const post = await send(h.app, '/signup', {
      ip: DENIED,
      body: 'step=flow&flow=0',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(403);
    expect(post.body).toContain('Not available from your network');
    expect((await send(h.app, '/signup', { ip: ALLOWED })).status).toBe(200);
  });

  it('answers the UIA fallback page with an HTML page, and the client API with a Matrix error', async () => {
    const fallback = await send(h.app, '/_matrix/client/v3/auth/m.login.terms/fallback/web?session=abc', { ip: DENIED });
    expect(fallback.status).toBe(403);
    expect(fallback.headers.get('content-type')).toMatch(/^text\/html/);
    expect(fallback.body).toContain('Not available from your network');
    const api = await send(h.app, REGISTER, { ip: DENIED, body: { username: 'denied1', password: 'a long password 1' } });
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });
});
