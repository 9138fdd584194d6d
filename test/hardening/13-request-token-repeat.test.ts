/**
 * Hardening 13: repeating the same requestToken (same client_secret, address and send_attempt) returns the
 * same sid without sending again, and spends neither the send gate nor the per-address or per-IP budget;
 * only a real send spends. Enumeration-safe mode takes the same steps for an address in use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN, TOKENS, enumerationSafeEmail, sendLimits } from '../support/constants.js';

const OPERATOR_KEY = 'operator-key-for-hardening-13';
const LOOKUP_ROUTE = 'GET /_synapse/admin/v1/threepid/email/users';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ask = (email: string, send_attempt: number, extra: Record<string, unknown> = {}) =>
  h.post(EMAIL_TOKEN, { client_secret: 'cs-repeat', email, send_attempt, ...extra });
const mailsTo = async (address: string) => (await h.mail!.mails()).filter((m) => m.to.includes(address)).length;

describe('hardening 13: repeating the same requestToken', () => {
  it('answers repeats with the same sid, sends nothing and spends no gate pass nor any per-address or per-IP budget', async () => {
    h = await startHarness({
      messaging: true,
      mode: 'admin_api',
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        registration: { flows: [['m.login.registration_token', 'm.login.email.identity']] },
        threepid: { ...THREEPID, rateLimits: sendLimits(2, 10, 3600) },
        gate: { sendsPerPass: 3, passLifetimeSeconds: 1800 },
      },
    });
    const created = await h.post(
      `${TOKENS}/new`,
      { token: 'repeat-token', uses_allowed: 5 },
      { headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' } },
    );
    expect(created.status).toBe(200);
    const session = (await h.post(REGISTER, { username: 'repeater', password: 'correct horse battery' })).body.session;
    expect(
      (await h.post(REGISTER, { auth: { type: 'm.login.registration_token', token: 'repeat-token', session } })).body.completed,
    ).toEqual(['m.login.registration_token']);

    const first = await ask('rep@example.org', 1, { session });
    expect(first.status).toBe(200);
    for (let i = 0; i < 6; i++) {
      const again = await ask('rep@example.org', 1, { session });
      expect(again.status, `repeat ${i + 1}`).toBe(200);
      expect(again.body.sid).toBe(first.body.sid);
    }
    expect(await mailsTo('rep@example.org')).toBe(1);

    // Every budget is still whole: a resend (a higher send_attempt) and a second address are real sends.
    const resend = await ask('rep@example.org', 2, { session });
    expect(resend.status).toBe(200);
    expect(resend.body.sid).toBe(first.body.sid);
    expect(await mailsTo('rep@example.org')).toBe(2);
    expect((await ask('second@example.org', 1, { session })).status).toBe(200);
    // The gate paid for three sends, and three were sent: the fourth real send is refused.
    expect((await ask('third@example.org', 1, { session })).status).toBe(403);
    expect(await mailsTo('third@example.org')).toBe(0);
    // And the address was mailed twice, its whole per-address budget: a third send to it is refused.
    expect((await ask('rep@example.org', 3, { session })).status).toBe(429);
  });

  it('takes the same steps in enumeration-safe mode for an address in use as for a free one', async () => {
    h = await startHarness({
      messaging: true,
      config: enumerationSafeEmail(sendLimits(2, 50, 3600)),
    });
    const put = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/${encodeURIComponent('@owner:localhost')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'owner password 1', threepids: [{ medium: 'email', address: 'taken@example.org' }] }),
    });
    expect(put.status).toBe(201);

    const trace = async (email: string) => {
      const lookupsBefore = h.homeserver.counters[LOOKUP_ROUTE]!;
      const answers = [];
      for (const attempt of [1, 1, 1, 1, 2, 2, 2]) answers.push(await ask(email, attempt));
      return {
        statuses: answers.map((a) => a.status),
        sids: new Set(answers.map((a) => a.body.sid)).size,
        lookups: h.homeserver.counters[LOOKUP_ROUTE]! - lookupsBefore,
        messages: await mailsTo(email),
      };
    };
    const taken = await trace('taken@example.org');
    const free = await trace('free@example.org');
    expect(taken).toEqual(free);
    expect(free).toEqual({ statuses: [200, 200, 200, 200, 200, 200, 200], sids: 1, lookups: 2, messages: 2 });
  });
});
