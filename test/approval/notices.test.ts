/**
 * What people are told about a waiting sign-up: the approval and the denial reach the verified address, in
 * the language the sign-up was made in, with how to log in (or the reason, when the operator shares it);
 * the operators hear of each new request; nothing is sent twice for one decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_TOKEN } from '../support/constants.js';
import { type Harness, linkInMail, REGISTER, startHarness, THREEPID } from '../support/harness.js';
import { OPERATOR_KEY, operator, PASSWORD, REQUESTS, requestOf } from './support.js';

describe('notices of decisions on waiting sign-ups', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      messaging: true,
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        threepid: THREEPID,
        registration: { flows: [['m.login.email.identity']] },
        approval: { when: { always: true }, operatorEmails: ['ops@example.org'] },
      },
    });
  });
  afterAll(() => h.close());

  async function waitingSignUp(username: string, email: string, lang: string) {
    const headers = { 'content-type': 'application/json', 'accept-language': lang };
    const first = await h.post(REGISTER, { username, password: PASSWORD }, { headers });
    const secret = `${username}-secret`;
    const requested = await h.post(EMAIL_TOKEN, { client_secret: secret, email, send_attempt: 1 });
    expect((await fetch(await linkInMail(h, email))).status).toBe(200);
    const creds = { sid: requested.body.sid, client_secret: secret };
    const auth = { type: 'm.login.email.identity', session: first.body.session, threepid_creds: creds };
    return h.post(REGISTER, { auth }, { headers });
  }

  const mailsTo = async (to: string) => (await h.mail!.mails()).filter((m) => m.to.includes(to));

  it('tells the operators, then the person in German, once, with the username to log in with', async () => {
    const final = await waitingSignUp('greta', 'greta@example.org', 'de-DE,de;q=0.9');
    expect(final.body).toMatchObject({ errcode: 'M_USER_AWAITING_APPROVAL', approval_notice_medium: 'm.email' });
    const ops = await mailsTo('ops@example.org');
    expect(ops.at(-1)!.text).toContain('Username: greta');
    expect(ops.at(-1)!.text).not.toContain(PASSWORD);

    const request = await requestOf(h, 'greta');
    expect(request.lang).toBe('de');
    expect(request.threepids).toEqual([{ medium: 'email', address: 'greta@example.org' }]);
    await Promise.all([1, 2].map(() => operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })));
    const told = (await mailsTo('greta@example.org')).filter((m) => m.subject.includes('Konto'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe('Ihr Example Chat-Konto ist bereit');
    expect(told[0]!.text).toContain('Benutzernamen greta');
    expect(h.homeserver.getUser('@greta:localhost')!.threepids).toMatchObject([{ address: 'greta@example.org' }]);
  });

  it('tells a denied person the reason only when the operator shares it', async () => {
    await waitingSignUp('hans', 'hans@example.org', 'en');
    await waitingSignUp('ida', 'ida@example.org', 'en');
    const hans = await requestOf(h, 'hans');
    const ida = await requestOf(h, 'ida');
    await operator(h, `${REQUESTS}/${hans.id}/deny`, { body: { reason: 'Staff only', share_reason: true } });
    await operator(h, `${REQUESTS}/${ida.id}/deny`, { body: { reason: 'Internal note' } });
    const toHans = (await mailsTo('hans@example.org')).at(-1)!;
    expect(toHans.subject).toBe('Your sign-up on Example Chat');
    expect(toHans.text).toContain('The reason given: Staff only');
    const toIda = (await mailsTo('ida@example.org')).at(-1)!;
    expect(toIda.text).toContain('was not approved');
    expect(toIda.text).not.toContain('Internal note');
  });
});
