/**
 * Addresses asked for without an access token, as the spec allows and matrix-js-sdk (so Element) does: the
 * validation belongs to nobody until `3pid/add`, where the user's password, the sid and the client secret bind
 * it; then an address added after sign-up is used to reset the password. Part of accountThreepidsSuite (the
 * stand-in and the real Synapse alike); its harness serves terms + dummy sign-ups and `recovery`.
 */
import { expect, it } from 'vitest';
import { login, proveEmail, resetWith } from '../recovery/reset-support.js';
import { type Harness, linkInMail, registerThroughTermsAndDummy } from '../support/harness.js';
import { add, type Homeserver, type Person, person, post, R0, V3, validatedEmail, validatedPhone } from './account-threepids-support.js';
import { freshName } from './synapse-api.js';

/** The password registerThroughTermsAndDummy signs up with. */
const SIGN_UP_PASSWORD = 'correct horse battery';

/** A person signed up through the front door with no address (terms, then dummy): the token of its device. */
async function signedUpWithoutAddress(h: Harness): Promise<Person> {
  const localpart = freshName('su');
  const done = await registerThroughTermsAndDummy(h, localpart);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { userId: done.body.user_id, localpart, password: SIGN_UP_PASSWORD, token: done.body.access_token };
}

export function tokenlessAddTests(h: Harness, homeserver: () => Homeserver): void {
  it('an email asked for without an access token, as matrix-js-sdk asks, is added by the user who proves the password', async () => {
    const hs = homeserver();
    const p = await person(hs);
    const email = `${p.localpart}@example.org`;
    const sid = await validatedEmail(h, undefined, email, 'cs-free-1');
    expect((await h.mail!.mails()).filter((m) => m.to.includes(email)).at(-1)?.text).toContain('add this email address');
    const { done } = await add(h, p, sid, 'cs-free-1');
    expect(done).toMatchObject({ status: 200, body: {} });
    expect(await hs.api.addresses(p.userId)).toEqual([`email:${email}`]);
    expect(await hs.api.ownerOf('email', email)).toBe(p.userId);
  });

  it('a phone number asked for at r0 without an access token is added the same way', async () => {
    const hs = homeserver();
    const p = await person(hs);
    const asked = await validatedPhone(h, undefined, 'cs-free-ph', R0);
    expect((await add(h, p, asked.sid, 'cs-free-ph', R0)).done.status).toBe(200);
    expect(await hs.api.addresses(p.userId)).toEqual([`msisdn:${asked.msisdn}`]);
  });

  it('a sid asked for without a token cannot be added by another user who lacks its client secret', async () => {
    const hs = homeserver();
    const [alice, mallory] = [await person(hs), await person(hs)];
    const email = `${alice.localpart}@example.org`;
    const sid = await validatedEmail(h, undefined, email, 'cs-alice-free');
    for (const guess of ['cs-alice-fre', 'cs-alice-freeX', 'x']) {
      const { done } = await add(h, mallory, sid, guess);
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_AUTH_FAILED' } });
    }
    expect(await hs.api.addresses(mallory.userId)).toEqual([]);
    expect(await hs.api.ownerOf('email', email)).toBeUndefined();
    // The one who holds the client secret still can.
    expect((await add(h, alice, sid, 'cs-alice-free')).done.status).toBe(200);
    expect(await hs.api.ownerOf('email', email)).toBe(alice.userId);
  });

  it('a sid asked for without a token binds to one account only: a second user with its client secret finds it in use', async () => {
    const hs = homeserver();
    const [first, second] = [await person(hs), await person(hs)];
    const email = `${first.localpart}@example.org`;
    const sid = await validatedEmail(h, undefined, email, 'cs-shared');
    expect((await add(h, first, sid, 'cs-shared')).done.status).toBe(200);
    const { done } = await add(h, second, sid, 'cs-shared');
    expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
    expect(await hs.api.addresses(second.userId)).toEqual([]);
    expect(await hs.api.ownerOf('email', email)).toBe(first.userId);
  });

  it('an address bound to an account is M_THREEPID_IN_USE without a token too, and nothing is sent', async () => {
    const hs = homeserver();
    const taken = `${freshName('tk')}@example.org`;
    await hs.api.createElsewhere(freshName('ow'), [{ medium: 'email', address: taken }]);
    const asked = await post(h, `${V3}/account/3pid/email/requestToken`, { email: taken, client_secret: 'cs-t2', send_attempt: 1 });
    expect(asked).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
    expect((await h.mail!.mails()).filter((m) => m.to.includes(taken))).toEqual([]);
  });

  it('an address added after sign-up then resets the password: the old one fails, the new one logs in', async () => {
    const hs = homeserver();
    const p = await signedUpWithoutAddress(h);
    expect(await hs.api.addresses(p.userId)).toEqual([]);
    const email = `${p.localpart}@example.org`;
    const sid = await validatedEmail(h, undefined, email, 'cs-later');
    expect((await add(h, p, sid, 'cs-later')).done.status).toBe(200);
    const creds = await proveEmail(h, email, 'cs-forgot');
    expect((await linkInMail(h, email)).searchParams.get('sid')).toBe(creds.sid);
    const newPassword = 'a fresh and longer passphrase';
    expect((await resetWith(h, 'm.login.email.identity', creds, newPassword)).status).toBe(200);
    expect((await login(hs, p.localpart, SIGN_UP_PASSWORD)).body.errcode).toBe('M_FORBIDDEN');
    expect((await login(hs, p.localpart, newPassword)).status).toBe(200);
  });
}
