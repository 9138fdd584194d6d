/**
 * The "must show" of email and phone verification: a new user signs up with an email flow (the link taken
 * from the local mail catcher and followed over HTTP) and with a phone flow (the code read from the SMS
 * outbox), and the homeserver stand-in shows each address bound to the new account, in both modes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { codeInSms, linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN, MSISDN_TOKEN } from '../support/constants.js';

describe.each(['shared_secret', 'admin_api'] as const)('verified sign-up (%s)', (mode) => {
  let h: Harness;
  afterEach(() => h.close());

  it('registers with an email flow: requestToken, the link from the mail, then /register binds the address', async () => {
    h = await startHarness({
      mode,
      messaging: true,
      config: { threepid: THREEPID, registration: { flows: [['m.login.email.identity', 'm.login.terms']] } },
    });
    const first = await h.post(REGISTER, {
      username: 'erin',
      password: 'correct horse battery',
      initial_device_display_name: 'Erin laptop',
    });
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([{ stages: ['m.login.email.identity', 'm.login.terms'] }]);
    const session = first.body.session;

    const requested = await h.post(EMAIL_TOKEN, { client_secret: 'erin-secret-1', email: 'Erin@Example.ORG', send_attempt: 1 });
    expect(requested.status).toBe(200);
    const sid = requested.body.sid;
    expect(sid).toMatch(/^[0-9a-zA-Z.=_-]+$/);

    // Not confirmed yet: the stage says so and the session goes on.
    const early = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session, threepid_creds: { sid, client_secret: 'erin-secret-1' } },
    });
    expect(early.status).toBe(401);
    expect(early.body.errcode).toBe('M_UNAUTHORIZED');

    const mails = await h.mail!.mails();
    const mail = mails.find((m) => m.to.includes('erin@example.org'))!;
    expect(mail.subject).toBe('Confirm your email address for Example Chat');
    expect(mail.from).toContain('no-reply@example.org');
    expect(mail.html).toContain('<a href="');
    const link = await linkInMail(h, 'erin@example.org');
    expect(link.origin).toBe(h.url);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('Email address confirmed');

    const email = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session, threepid_creds: { sid, client_secret: 'erin-secret-1' } },
    });
    expect(email.status).toBe(401);
    expect(email.body.completed).toEqual(['m.login.email.identity']);
    const done = await h.post(REGISTER, { auth: { type: 'm.login.terms', session } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@erin:localhost');
    expect(done.body.access_token).toBeTruthy();

    const user = h.homeserver.getUser('@erin:localhost')!;
    expect(user.threepids.map(({ medium, address }) => ({ medium, address }))).toEqual([{ medium: 'email', address: 'erin@example.org' }]);
    expect(user.devices.map((d) => d.display_name)).toContain('Erin laptop');

    // The address now belongs to Erin: a new sign-up with it is told so.
    const again = await h.post(EMAIL_TOKEN, { client_secret: 'someone-else', email: 'erin@example.org', send_attempt: 1 });
    expect(again.status).toBe(400);
    expect(again.body.errcode).toBe('M_THREEPID_IN_USE');
  });

  it('registers with a phone flow: the code from the SMS outbox, posted to submit_url, binds the number', async () => {
    h = await startHarness({
      mode,
      messaging: true,
      config: { threepid: THREEPID, registration: { flows: [['m.login.msisdn', 'm.login.dummy']] } },
    });
    const first = await h.post(REGISTER, { username: 'frank', password: 'correct horse battery' });
    const session = first.body.session;

    const requested = await h.post(MSISDN_TOKEN, {
      client_secret: 'frank-secret',
      country: 'GB',
      phone_number: '07400 123456',
      send_attempt: 1,
    });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({
      msisdn: '447400123456',
      intl_fmt: '+44 7400 123456',
      submit_url: `${h.url}/_matrix/client/unstable/registration/msisdn/submit_token`,
    });
    const sms = h.outbox!.messages().at(-1)!;
    expect(sms.to).toBe('+447400123456');
    expect(sms.attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');
    expect(sms.attributes['AWS.SNS.SMS.SenderID']).toBe('ExampleChat');
    const code = codeInSms(h, '+447400123456');

    const submitted = await fetch(requested.body.submit_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sid: requested.body.sid, client_secret: 'frank-secret', token: code }),
    });
    expect(await submitted.json()).toEqual({ success: true });

    const phone = await h.post(REGISTER, {
      auth: { type: 'm.login.msisdn', session, threepid_creds: { sid: requested.body.sid, client_secret: 'frank-secret' } },
    });
    expect(phone.body.completed).toEqual(['m.login.msisdn']);
    const done = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@frank:localhost');
    const user = h.homeserver.getUser('@frank:localhost')!;
    expect(user.threepids.map(({ medium, address }) => ({ medium, address }))).toEqual([{ medium: 'msisdn', address: '447400123456' }]);
  });
});
