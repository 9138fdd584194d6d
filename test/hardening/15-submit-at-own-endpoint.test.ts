/**
 * Hardening 15: each medium is submitted only at its own endpoint. The mailed link validates only email
 * sessions, the SMS submit_url only phone sessions. A submission at the wrong endpoint is "unknown"
 * there, validates nothing, and spends none of the session's attempts: its owner is never locked out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EMAIL_SUBMIT_PATH } from '../../functions/threepid/request-token.js';
import { codeInSms, linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN, MSISDN_TOKEN, SUBMIT_MSISDN } from '../support/constants.js';

const MAX_ATTEMPTS = 3;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const start = () =>
  startHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.email.identity'], ['m.login.msisdn']] },
      threepid: { ...THREEPID, maxCodeAttempts: MAX_ATTEMPTS },
    },
  });

async function phoneSession() {
  const answer = await h.post(MSISDN_TOKEN, { client_secret: 'cs-sms', country: 'GB', phone_number: '07400 123456', send_attempt: 1 });
  expect(answer.status).toBe(200);
  return { sid: answer.body.sid as string, code: codeInSms(h, `+${answer.body.msisdn}`) };
}

async function emailSession() {
  const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs-mail', email: 'medium@example.org', send_attempt: 1 });
  expect(answer.status).toBe(200);
  const link = await linkInMail(h, 'medium@example.org');
  return { sid: answer.body.sid as string, token: link.searchParams.get('token')!, link };
}

/** The mailed-link endpoint, called with any session's sid, secret and token. */
const emailLink = (sid: string, client_secret: string, token: string) =>
  h.app.request(`${EMAIL_SUBMIT_PATH}?${new URLSearchParams({ sid, client_secret, token })}`);

const validated = async (sid: string) => (await h.items()).find((item) => item.pk === `threepid#${sid}`)?.validatedAt !== undefined;

describe('hardening 15: a phone code is accepted at the email link endpoint', () => {
  it('refuses an SMS code at the email link, however often, and the code still works at the submit_url', async () => {
    h = await start();
    const phone = await phoneSession();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const page = await emailLink(phone.sid, 'cs-sms', phone.code);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Unknown confirmation link');
    }
    expect(await validated(phone.sid)).toBe(false);
    expect((await h.post(SUBMIT_MSISDN, { sid: phone.sid, client_secret: 'cs-sms', token: phone.code })).body).toEqual({ success: true });
    expect(await validated(phone.sid)).toBe(true);
  });

  it('refuses an email token at the SMS submit_url, however often, and the mailed link still works', async () => {
    h = await start();
    const mail = await emailSession();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const answer = await h.post(SUBMIT_MSISDN, { sid: mail.sid, client_secret: 'cs-mail', token: mail.token });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ success: false });
    }
    expect(await validated(mail.sid)).toBe(false);
    const page = await fetch(mail.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Email address confirmed');
  });

  it('a phone session validated only at the wrong endpoint does not pass the msisdn stage', async () => {
    h = await start();
    const first = await h.post(REGISTER, { username: 'wrongplace', password: 'correct horse battery' });
    const phone = await phoneSession();
    await emailLink(phone.sid, 'cs-sms', phone.code);
    const stage = await h.post(REGISTER, {
      auth: { type: 'm.login.msisdn', session: first.body.session, threepid_creds: { sid: phone.sid, client_secret: 'cs-sms' } },
    });
    expect(stage.status).toBe(401);
    expect(stage.body.completed ?? []).toEqual([]);
  });
});
