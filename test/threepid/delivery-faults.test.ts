/**
 * SES or SNS failing while a code is sent: the client gets a Matrix error it can act on, nothing is left
 * half-done (no validation session that a code never reached), and asking again sends and completes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../local/mail-catcher.js';
import { codeInSms, linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN, MSISDN_TOKEN, SUBMIT_MSISDN } from '../support/constants.js';

let h: Harness;
afterEach(async () => {
  const open = h;
  h = undefined as unknown as Harness;
  await open?.close();
});

const start = (flows: string[][]) => startHarness({ messaging: true, config: { registration: { flows }, threepid: THREEPID } });

describe('delivery faults', () => {
  it('SES down: 503 with Retry-After; the same send_attempt sent again once SES is back delivers, and sign-up completes', async () => {
    h = await start([['m.login.email.identity']]);
    const first = await h.post(REGISTER, { username: 'mailfault', password: 'correct horse battery' });
    const port = Number(new URL(h.mail!.url).port);
    await h.mail!.stop();
    const ask = () => h.post(EMAIL_TOKEN, { client_secret: 'cs', email: 'mf@example.org', send_attempt: 1 });
    const failed = await ask();
    expect(failed.status).toBe(503);
    expect(failed.body.errcode).toBe('M_UNKNOWN');
    expect(failed.headers.get('retry-after')).toBeTruthy();
    expect(JSON.stringify(failed.body)).not.toMatch(/token|127\.0\.0\.1/);

    const back = await startMailCatcher({ port });
    try {
      const retried = await ask();
      expect(retried.status).toBe(200);
      const link = await linkInMail(h, 'mf@example.org');
      expect((await fetch(link)).status).toBe(200);
      const done = await h.post(REGISTER, {
        auth: {
          type: 'm.login.email.identity',
          session: first.body.session,
          threepid_creds: { sid: retried.body.sid, client_secret: 'cs' },
        },
      });
      expect(done.status).toBe(200);
      expect(h.homeserver.getUser('@mailfault:localhost')?.threepids.map((t) => t.address)).toEqual(['mf@example.org']);
    } finally {
      await back.stop();
    }
  });

  it.each([
    ['throttled', 503, 'M_UNKNOWN'],
    ['internal', 503, 'M_UNKNOWN'],
    ['down', 503, 'M_UNKNOWN'],
    ['rejected', 400, 'M_INVALID_PARAM'],
  ] as const)(
    'SNS %s: a Matrix error, then the same send_attempt sends once SNS is well, and the code works',
    async (kind, status, errcode) => {
      h = await start([['m.login.msisdn']]);
      const first = await h.post(REGISTER, { username: `smsfault-${kind}`, password: 'correct horse battery' });
      h.outbox!.injectFault({ kind });
      const ask = () => h.post(MSISDN_TOKEN, { client_secret: 'cs', country: 'GB', phone_number: '07400 123456', send_attempt: 1 });
      const failed = await ask();
      expect(failed.status).toBe(status);
      expect(failed.body.errcode).toBe(errcode);
      expect(h.outbox!.messages()).toHaveLength(0);

      const retried = await ask();
      expect(retried.status).toBe(200);
      const code = codeInSms(h, '+447400123456');
      expect((await h.post(SUBMIT_MSISDN, { sid: retried.body.sid, client_secret: 'cs', token: code })).body.success).toBe(true);
      const done = await h.post(REGISTER, {
        auth: { type: 'm.login.msisdn', session: first.body.session, threepid_creds: { sid: retried.body.sid, client_secret: 'cs' } },
      });
      expect(done.status).toBe(200);
    },
  );

  it('a failed send leaves no token that could be confirmed: the code of the failed attempt is never delivered', async () => {
    h = await start([['m.login.msisdn']]);
    h.outbox!.injectFault({ kind: 'internal' });
    const failed = await h.post(MSISDN_TOKEN, { client_secret: 'cs', country: 'GB', phone_number: '07400 123456', send_attempt: 1 });
    expect(failed.status).toBe(503);
    const stored = (await h.items()).filter((i) => i.sk === 'validation');
    // The session stays (so the retry finds it), but marked as never sent, so a retry sends anew.
    expect(stored).toHaveLength(1);
    expect(stored[0]!.sendAttempt).toBe(-1);
    expect(stored[0]!.validatedAt).toBeUndefined();
  });
});
