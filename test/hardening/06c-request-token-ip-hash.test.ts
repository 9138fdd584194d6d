/**
 * Hardening 6 (the requestToken part): the per-IP requestToken limit keys its counter by a keyed hash of
 * the client IP, as the middleware limits do; no client IP is stored in clear.
 */
import { describe, expect, it } from 'vitest';
import { type Answer, send } from '../support/client.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';
import { THREEPID, type Harness } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const CLIENT_IP = '198.51.100.77';

/** A call from a chosen client IP, where the Lambda entries put it. */
const fromIp = (h: Harness, path: string, body: unknown, ip: string): Promise<Answer> => send(h.app, path, { body, ip });

describe('hardening 6: client IP handling (the requestToken per-IP key)', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.email.identity']] },
      threepid: { ...THREEPID, rateLimits: sendLimits(50, 2, 3600) },
    },
  });

  it('counts requestToken per client IP without storing the IP anywhere in the table', async () => {
    const ask = (n: number) =>
      fromIp(h, EMAIL_TOKEN, { client_secret: `cs-${n}`, email: `ip${n}@example.org`, send_attempt: 1 }, CLIENT_IP);
    expect((await ask(1)).status).toBe(200);
    expect((await ask(2)).status).toBe(200);
    const third = await ask(3);
    expect(third.status).toBe(429);
    expect(third.body.errcode).toBe('M_LIMIT_EXCEEDED');
    // Another client is counted on its own.
    expect(
      (await fromIp(h, EMAIL_TOKEN, { client_secret: 'cs-other', email: 'other@example.org', send_attempt: 1 }, '203.0.113.9')).status,
    ).toBe(200);

    const stored = JSON.stringify(await h.items());
    expect(stored).not.toContain(CLIENT_IP);
    expect(stored).not.toContain('203.0.113.9');
  });
});
