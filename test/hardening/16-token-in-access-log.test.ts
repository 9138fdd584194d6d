/**
 * Hardening 16: the operator API names a registration token in its path, and the access log wrote paths
 * as they came. The token's segment is redacted now; the rest of the path stays readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { operator, OPERATOR_KEY, TOKENS } from '../gating/support.js';

describe('hardening 16: registration tokens appear in the access log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      secrets: { operatorKey: OPERATOR_KEY },
      config: { registration: { flows: [['m.login.registration_token', 'm.login.dummy']] } },
    });
  });
  afterAll(() => h.close());

  const requestLines = () => h.logs.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'request');

  it('logs operator calls on a token without the token, and still says which call it was', async () => {
    const token = 'Secret-Invite.2026~x';
    expect((await operator(h, `${TOKENS}/new`, { body: { token, uses_allowed: 3 } })).status).toBe(200);
    expect((await operator(h, `${TOKENS}/${token}`)).status).toBe(200);
    expect((await operator(h, `${TOKENS}/${token}`, { method: 'PUT', body: { uses_allowed: 5 } })).status).toBe(200);
    expect((await operator(h, `${TOKENS}/${token}`, { method: 'DELETE' })).status).toBe(200);
    expect((await operator(h, `${TOKENS}/never-made-Xy7`)).status).toBe(404);
    expect((await operator(h, `${TOKENS}/${token}/odd/extra`)).status).toBeLessThan(500);

    const all = h.logs.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('never-made-Xy7');
    const paths = requestLines().map((entry) => entry.path);
    expect(paths).toContain(`${TOKENS}/new`);
    expect(paths.filter((p) => p === `${TOKENS}/<redacted>`).length).toBeGreaterThanOrEqual(4);
  });
});
