/**
 * Addresses after sign-up, against the development homeserver or a real Synapse: requestToken with the
 * user's access token, `3pid/add` behind the password (no device left), binding once, and the pass-through;
 * then requestToken without a token as matrix-js-sdk sends it (account-threepids-tokenless.suite.ts).
 */
import { describe, expect, it } from 'vitest';
import { linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import {
  type AccountThreepidsTarget,
  add,
  type Homeserver,
  passwordAuth,
  person,
  post,
  R0,
  V3,
  validatedEmail,
  validatedPhone,
} from './account-threepids-support.js';
import { tokenlessAddTests } from './account-threepids-tokenless.suite.js';
import { freshName, SynapseApi } from './synapse-api.js';

export type { AccountThreepidsTarget } from './account-threepids-support.js';

export function accountThreepidsSuite(name: string, target: AccountThreepidsTarget): void {
  describe(`addresses after sign-up (${name})`, () => {
    const h = useHarness(() => target.start());
    const homeserver = (): Homeserver => {
      const given = target.homeserver(h);
      return { api: new SynapseApi(given), ...given };
    };

    it('an email added after sign-up by its link shows in GET /account/3pid, and no extra device remains', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const before = (await api.ownDevices(p.token)).map((d) => d.device_id);
      const email = `${p.localpart}@Example.org`;
      const sid = await validatedEmail(h, p.token, email, 'cs-add-1');
      const { done } = await add(h, p, sid, 'cs-add-1');
      expect(done).toMatchObject({ status: 200, body: {} });
      const mine = await h.app.request(`${V3}/account/3pid`, { headers: { authorization: `Bearer ${p.token}` } });
      const threepids = ((await mine.json()) as { threepids: { medium: string; address: string }[] }).threepids;
      expect(threepids.map((t) => `${t.medium}:${t.address}`)).toEqual([`email:${p.localpart}@example.org`]);
      expect((await api.ownDevices(p.token)).map((d) => d.device_id)).toEqual(before);
      expect(await api.ownerOf('email', `${p.localpart}@example.org`)).toBe(p.userId);
    });

    it('a phone number added at r0 by its code keeps the addresses the account had', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const first = await validatedEmail(h, p.token, `${p.localpart}@example.org`, 'cs-keep-1');
      expect((await add(h, p, first, 'cs-keep-1')).done.status).toBe(200);
      const asked = await validatedPhone(h, p.token, 'cs-ph', R0);
      expect((await add(h, p, asked.sid, 'cs-ph', R0)).done.status).toBe(200);
      expect(await api.addresses(p.userId)).toEqual([`email:${p.localpart}@example.org`, `msisdn:${asked.msisdn}`]);
    });

    it('an access token that the homeserver does not know is refused at requestToken as the homeserver answers', async () => {
      const body = { email: 'nobody@example.org', client_secret: 'cs-x', send_attempt: 1 };
      const bad = await post(h, `${V3}/account/3pid/email/requestToken`, body, 'syt_not_a_token');
      expect(bad).toMatchObject({ status: 401, body: { errcode: 'M_UNKNOWN_TOKEN' } });
      const empty = await h.post(`${V3}/account/3pid/email/requestToken`, body, {
        headers: { 'content-type': 'application/json', authorization: 'Bearer' },
      });
      expect(empty.status).toBe(401);
      expect((await h.mail!.mails()).filter((m) => m.to.includes('nobody@example.org'))).toEqual([]);
    });

    it('a wrong password is 401 M_FORBIDDEN and the same session then completes', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const sid = await validatedEmail(h, p.token, `${p.localpart}@example.org`, 'cs-wrong');
      const challenge = await post(h, `${V3}/account/3pid/add`, { sid, client_secret: 'cs-wrong' }, p.token);
      const session = challenge.body.session;
      const wrong = await post(
        h,
        `${V3}/account/3pid/add`,
        { sid, client_secret: 'cs-wrong', auth: passwordAuth(p, session, 'not-it') },
        p.token,
      );
      expect(wrong).toMatchObject({ status: 401, body: { errcode: 'M_FORBIDDEN', session, flows: [{ stages: ['m.login.password'] }] } });
      expect(await api.addresses(p.userId)).toEqual([]);
      const right = await post(h, `${V3}/account/3pid/add`, { sid, client_secret: 'cs-wrong', auth: passwordAuth(p, session) }, p.token);
      expect(right.status).toBe(200);
      expect(await api.addresses(p.userId)).toEqual([`email:${p.localpart}@example.org`]);
    });

    it('an address bound to another account is refused at requestToken', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const taken = `${freshName('tk')}@example.org`;
      await api.createElsewhere(freshName('ow'), [{ medium: 'email', address: taken }]);
      const asked = await post(
        h,
        `${V3}/account/3pid/email/requestToken`,
        { email: taken, client_secret: 'cs-t', send_attempt: 1 },
        p.token,
      );
      expect(asked).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
    });

    it('an address bound elsewhere between validation and add is refused, and nothing changes', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const email = `${p.localpart}@example.org`;
      const sid = await validatedEmail(h, p.token, email, 'cs-late');
      const other = await api.createElsewhere(freshName('ow'), [{ medium: 'email', address: email }]);
      const { done } = await add(h, p, sid, 'cs-late');
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(await api.addresses(p.userId)).toEqual([]);
      expect(await api.ownerOf('email', email)).toBe(other);
    });

    it('a sid another user asked for is refused, even with its client secret', async () => {
      const hs = homeserver();
      const { api } = hs;
      const [alice, mallory] = [await person(hs), await person(hs)];
      const sid = await validatedEmail(h, alice.token, `${alice.localpart}@example.org`, 'cs-alice');
      const { done } = await add(h, mallory, sid, 'cs-alice');
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_AUTH_FAILED' } });
      expect(await api.addresses(mallory.userId)).toEqual([]);
      expect(await api.ownerOf('email', `${alice.localpart}@example.org`)).toBeUndefined();
    });

    it('a validation made for a sign-up cannot be added to an account', async () => {
      const p = await person(homeserver());
      const email = `${p.localpart}@example.org`;
      const signUp = await h.post(`${V3}/register/email/requestToken`, { email, client_secret: 'cs-su', send_attempt: 1 });
      expect(signUp.status).toBe(200);
      expect((await fetch(await linkInMail(h, email))).status).toBe(200);
      const { done } = await add(h, p, signUp.body.sid, 'cs-su');
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_AUTH_FAILED' } });
    });

    it('an add retried and raced binds the address once, and every call answers 200', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const email = `${p.localpart}@example.org`;
      const sid = await validatedEmail(h, p.token, email, 'cs-race');
      const challenge = await post(h, `${V3}/account/3pid/add`, { sid, client_secret: 'cs-race' }, p.token);
      const body = { sid, client_secret: 'cs-race', auth: passwordAuth(p, challenge.body.session) };
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(h, `${V3}/account/3pid/add`, body, p.token)));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      const again = await post(h, `${V3}/account/3pid/add`, body, p.token);
      expect(again.status).toBe(200);
      expect(await api.addresses(p.userId)).toEqual([`email:${email}`]);
    });

    it('delete passes through to the homeserver, which keeps the other addresses', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const sid = await validatedEmail(h, p.token, `${p.localpart}@example.org`, 'cs-del');
      expect((await add(h, p, sid, 'cs-del')).done.status).toBe(200);
      const deleted = await post(h, `${V3}/account/3pid/delete`, { medium: 'email', address: `${p.localpart}@example.org` }, p.token);
      expect(deleted).toMatchObject({ status: 200, body: { id_server_unbind_result: 'no-support' } });
      expect(await api.addresses(p.userId)).toEqual([]);
    });

    it('the pass-through keeps the status and body of the homeserver errors', async () => {
      const hs = homeserver();
      const { api } = hs;
      const p = await person(hs);
      const missing = await post(h, `${R0}/account/3pid/delete`, { medium: 'email' }, p.token);
      const direct = await api.call('POST', `${R0}/account/3pid/delete`, { body: { medium: 'email' }, token: p.token });
      expect(missing).toMatchObject({ status: direct.status, body: direct.body });
      expect(missing.status).toBe(400);
      const noToken = await h.get(`${R0}/account/3pid`);
      expect(noToken).toMatchObject({ status: 401, body: { errcode: 'M_MISSING_TOKEN' } });
    });

    it('the homeserver’s password stage that 3pid/add relies on refuses another user’s identifier as Synapse 1.67 does', async () => {
      const hs = homeserver();
      const [alice, bob] = [await person(hs), await person(hs)];
      const remove = (identifier: string, password: string) =>
        hs.api.call('POST', `${V3}/delete_devices`, {
          body: { devices: [], auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: identifier }, password } },
          token: alice.token,
        });
      expect(await remove(bob.localpart, 'not-bobs')).toMatchObject({
        status: 401,
        body: { errcode: 'M_FORBIDDEN', flows: [{ stages: ['m.login.password'] }], completed: [] },
      });
      expect(await remove(bob.userId, bob.password)).toMatchObject({
        status: 403,
        body: { errcode: 'M_FORBIDDEN', error: 'Invalid auth' },
      });
      expect(await remove('nobody-here', 'x')).toMatchObject({ status: 401, body: { errcode: 'M_FORBIDDEN' } });
      const first = await hs.api.call('POST', `${V3}/delete_devices`, { body: { devices: [] }, token: alice.token });
      expect(first.status).toBe(401);
      expect(first.body).toMatchObject({ flows: [{ stages: ['m.login.password'] }] });
      expect(first.body).not.toHaveProperty('errcode');
      expect(await remove(alice.localpart.toUpperCase(), alice.password)).toMatchObject({ status: 200, body: {} });
      expect((await hs.api.ownDevices(alice.token)).length).toBe(1);
    });

    tokenlessAddTests(h, homeserver);
  });
}
