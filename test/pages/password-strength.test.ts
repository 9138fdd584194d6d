/** The strength meter's estimate: zxcvbn-ts on the front door, worded in the person's language, with the tenant's verdict. */
import { describe, expect, it } from 'vitest';
import { send } from '../support/client.js';
import { useHarness } from '../support/use-harness.js';
import { BRAND } from './page-tenants.js';
import { THREEPID } from '../support/constants.js';

const STRENGTH = '/signup/password-strength';

describe('the sign-up page’s password strength estimate', () => {
  const h = useHarness({
    config: {
      registration: { flows: [['m.login.terms', 'm.login.dummy']] },
      signup: { password: { requireDigit: true } },
      rateLimits: { available: { max: 8, windowSeconds: 60 } },
      pages: { brand: BRAND },
    },
  });
  // Each call from its own address unless a test names one: only the limit's own test spends an allowance.
  let next = 1;
  const estimate = (body: unknown, query = '', headers: Record<string, string> = {}, ip = `198.51.100.${next++}`) =>
    send(h.app, `${STRENGTH}${query}`, { body, ip, headers: { 'content-type': 'application/json', ...headers } });

  it('scores a common password 0 and says why, and a long passphrase 4 with nothing to say', async () => {
    const weak = await estimate({ password: 'password' });
    expect(weak.status).toBe(200);
    expect(weak.headers.get('cache-control')).toBe('no-store');
    expect(weak.body).toMatchObject({ score: 0, level: 'very weak', warning: 'This is one of the most used passwords there are.' });
    const strong = await estimate({ password: 'a long and quiet river 7' });
    expect(strong.body).toEqual({ score: 4, level: 'strong', acceptable: true });
  });

  it('counts the username and the site’s names as guessable words', async () => {
    const alone = await estimate({ password: 'zephyrinaquest9' });
    const withName = await estimate({ password: 'zephyrinaquest9', username: 'zephyrinaquest' });
    expect(withName.body.score).toBeLessThan(alone.body.score);
    expect(withName.body.warning).toBe('Leave out your username and the name of this server.');
    const brand = await estimate({ password: 'examplechat2' });
    expect(brand.body.score).toBeLessThanOrEqual(1);
  });

  it('gives the tenant’s verdict, so the meter never praises a password the form refuses', async () => {
    // Strong by zxcvbn, but this tenant requires a digit.
    const noDigit = await estimate({ password: 'a long and quiet river' });
    expect(noDigit.body).toMatchObject({ score: 4, acceptable: false, refusal: expect.stringMatching(/too weak/) });
    const short = await estimate({ password: 'x9' });
    expect(short.body.acceptable).toBe(false);
  });

  it('words the answer in the language the page asks for, with German word lists for a German password', async () => {
    const de = await estimate({ password: 'password' }, '?lang=de');
    expect(de.body).toMatchObject({ level: 'sehr schwach', warning: 'Dies ist eines der meistbenutzten Passwörter überhaupt.' });
    const ar = await estimate({ password: 'a long and quiet river 7' }, '', { 'accept-language': 'ar' });
    expect(ar.body.level).toBe('قوية');
    // A German word on its own: weak with the German lists, which an English-only estimator would not know.
    const german = await estimate({ password: 'Donnerstag' }, '?lang=de');
    expect(german.body.score).toBeLessThanOrEqual(1);
  });

  it('refuses bad input with Matrix errors, and limits each network like the username check', async () => {
    expect((await estimate('not json', '', {}, '203.0.113.20')).body).toMatchObject({ errcode: 'M_NOT_JSON' });
    expect((await estimate({}, '', {}, '203.0.113.20')).body).toMatchObject({ errcode: 'M_MISSING_PARAM' });
    expect((await estimate({ password: 'x'.repeat(5000) }, '', {}, '203.0.113.20')).body).toMatchObject({ errcode: 'M_BAD_JSON' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await estimate({ password: `try ${i}` }, '', {}, '203.0.113.30')).status);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('never writes the password to the logs', async () => {
    await estimate({ password: 'a secret never logged 42' });
    expect(h.logs.join('\n')).not.toContain('a secret never logged');
  });
});

describe('the "Forgot password" page’s password strength estimate', () => {
  const h = useHarness({
    config: {
      registration: { flows: [['m.login.dummy']] },
      threepid: { ...THREEPID, publicBaseUrl: 'https://chat.example.org' },
      recovery: {},
      pages: { brand: BRAND },
    },
  });

  it('answers at the page’s own path, which its script asks', async () => {
    const answer = await send(h.app, `${h.config.recovery!.pagePath}/password-strength`, {
      body: { password: 'password' },
      headers: { 'content-type': 'application/json' },
    });
    expect(answer).toMatchObject({ status: 200, body: { score: 0 } });
    const page = await send(h.app, h.config.recovery!.pagePath);
    expect(String(page.body)).toContain(`data-strength-url="${h.config.recovery!.pagePath}/password-strength"`);
  });
});
