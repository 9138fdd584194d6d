/**
 * After sign-ups through every kind of flow, scan every stored item and every log line for anything
 * secret in clear: passwords, mailed tokens, SMS codes, client secrets, the shared secret, the admin token,
 * the encryption key, and the access tokens handed to clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, codeInSms, linkInMail, REGISTER, SHARED_SECRET, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { recordFigure } from './figures.js';
import { EMAIL_TOKEN, MSISDN_TOKEN } from '../support/constants.js';

describe.each(['shared_secret', 'admin_api'] as const)('secrets after a run (%s)', (mode) => {
  let h: Harness;
  const secrets: string[] = [];
  beforeAll(async () => {
    h = await startHarness({
      mode,
      messaging: true,
      config: {
        registration: { flows: [['m.login.terms', 'm.login.dummy'], ['m.login.email.identity'], ['m.login.msisdn']] },
        threepid: THREEPID,
      },
    });
    secrets.push(SHARED_SECRET, ADMIN_TOKEN, h.secrets.encryptionKey.toString('base64'), h.secrets.encryptionKey.toString('hex'));

    /** Starts a sign-up, noting its password (and client secret) among the secrets; gives its session. */
    const begin = async (username: string, password: string, clientSecret?: string) => {
      secrets.push(password, ...(clientSecret ? [clientSecret] : []));
      return (await h.post(REGISTER, { username, password })).body.session as string;
    };

    const a = await begin('plainflow', 'plain-flow passphrase 1');
    await h.post(REGISTER, { auth: { type: 'm.login.terms', session: a } });
    const doneA = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session: a } });
    expect(doneA.status).toBe(200);
    secrets.push(doneA.body.access_token);

    const mailSecret = 'mail-client-secret-0042';
    const b = await begin('mailflow', 'mail-flow passphrase 2', mailSecret);
    const sid = (await h.post(EMAIL_TOKEN, { client_secret: mailSecret, email: 'scan@example.org', send_attempt: 1 })).body.sid;
    const link = await linkInMail(h, 'scan@example.org');
    secrets.push(link.searchParams.get('token')!);
    await fetch(link);
    const doneB = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session: b, threepid_creds: { sid, client_secret: mailSecret } },
    });
    expect(doneB.status).toBe(200);
    secrets.push(doneB.body.access_token);

    const smsSecret = 'sms-client-secret-0043';
    const c = await begin('smsflow', 'sms-flow passphrase 3', smsSecret);
    const phone = await h.post(MSISDN_TOKEN, { client_secret: smsSecret, country: 'GB', phone_number: '07400 123456', send_attempt: 1 });
    const code = codeInSms(h, '+447400123456');
    secrets.push(code);
    // A wrong guess and the right code, both must stay out of the store and the logs.
    await h.post('/_matrix/client/unstable/registration/msisdn/submit_token', {
      sid: phone.body.sid,
      client_secret: smsSecret,
      token: code === '000000' ? '111111' : '000000',
    });
    await h.post('/_matrix/client/unstable/registration/msisdn/submit_token', {
      sid: phone.body.sid,
      client_secret: smsSecret,
      token: code,
    });
    const doneC = await h.post(REGISTER, {
      auth: { type: 'm.login.msisdn', session: c, threepid_creds: { sid: phone.body.sid, client_secret: smsSecret } },
    });
    expect(doneC.status).toBe(200);
    secrets.push(doneC.body.access_token);

    // A failed attempt too: a wrong password policy and a request that breaks.
    await h.post(REGISTER, { username: 'weak', password: 'x' });
  });
  afterAll(() => h.close());

  it('stores none of them in clear', async () => {
    const items = await h.items();
    const dump = JSON.stringify(items);
    for (const secret of secrets) expect(dump, 'a secret is stored in clear').not.toContain(secret);
    recordFigure(`stored items scanned (${mode})`, items.length);
  });

  it('logs none of them', () => {
    const logs = h.logs.join('\n');
    for (const secret of secrets) expect(logs, 'a secret is in the log').not.toContain(secret);
    recordFigure(`log lines scanned (${mode})`, h.logs.length);
  });
});
