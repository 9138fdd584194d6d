/** The sign-up page in the route table (so API Gateway has it) and under the same per-IP limit as POST /register. */
import { describe, expect, it } from 'vitest';
import { buildMeterApi, buildPagesApi } from '../../functions/compose/build.js';
import { frontDoorRoutes, FRONT_DOOR_ROUTES, signupPageRoutes } from '../../functions/http/route-table.js';
import { jsonLogger } from '../../functions/model/log.js';
import { useHarness } from '../support/use-harness.js';
import { PageBrowser, expectSafePage, stepOf } from './page-browser.js';

describe('the sign-up page routes', () => {
  const h = useHarness({
    config: {
      pages: { path: '/join', brand: { name: 'Example Chat' } },
      rateLimits: { register: { max: 3, windowSeconds: 60 } },
    },
  });

  it('are in the route table for the configured path, served by the pages part (the strength meter by the meter part)', async () => {
    expect(frontDoorRoutes()).toBe(FRONT_DOOR_ROUTES);
    const routes = signupPageRoutes('/join');
    expect(frontDoorRoutes('/join')).toEqual([...FRONT_DOOR_ROUTES, ...routes]);
    const parts = { config: h.config, dynamo: h.db, clock: h.clock, log: jsonLogger(() => {}) };
    const pagesPart = buildPagesApi({ ...parts, secrets: h.secrets });
    const meterPart = buildMeterApi({ ...parts, encryptionKey: h.secrets.encryptionKey });
    const meter = await meterPart.request('/join/password-strength', {
      method: 'POST',
      body: JSON.stringify({ password: 'a long and quiet river' }),
    });
    expect(await meter.json()).toMatchObject({ score: 4 });
    for (const route of routes) {
      if (route.path === '/join/password-strength') {
        expect(route.fn).toBe('meter');
        continue;
      }
      expect(route.fn).toBe('pages');
      const path = route.path.replace('{file}', 'missing.css');
      const answer = await pagesPart.request(path, { method: route.method });
      expect(answer.headers.get('content-type') ?? '', `${route.method} ${route.path}`).not.toContain('application/json');
    }
  });

  it('spend the POST /register allowance per IP, refused with a page that says when to try again', async () => {
    const browser = new PageBrowser(h.app);
    await browser.open('/join');
    let last = await browser.post('/join', { step: 'account', username: 'x', password: 'short', password_confirm: 'short' });
    for (let i = 0; i < 5 && last.status !== 429; i++) {
      last = await browser.post('/join', { step: 'account', username: 'x', password: 'short', password_confirm: 'short' });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(stepOf(last)).toBe('limited');
    expect(last.html).toMatch(/Wait \d+ seconds/);
    expectSafePage(last);
  });
});
