/** Email and phone sign-ups on a real Synapse: the verified address is bound to the account, and only there. */
import { describe, expect, it } from 'vitest';
import type { Mode } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { expectHandedOut } from './sign-up.suite.js';
import { signUp, startFrontDoor } from './sign-up.js';
import { freshName, freshPhone, SynapseApi } from './synapse-api.js';
import { useHarness } from '../support/use-harness.js';

export function threepidSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`email and phone on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    const h = useHarness(() => startFrontDoor(synapse, mode));

    it('an email sign-up binds the address to the new account on Synapse', async () => {
      const username = freshName('em');
      const email = `${username}@Example.ORG`;
      const { done } = await signUp(h, { username, email, device: { initial_device_display_name: 'Mail laptop' } });
      await expectHandedOut(api, username, done, { initial_device_display_name: 'Mail laptop' });
      expect(await api.addresses(done.body.user_id)).toEqual([`email:${username}@example.org`]);
      expect(await api.ownerOf('email', `${username}@example.org`)).toBe(done.body.user_id);
    });

    it('a phone sign-up binds the number to the new account on Synapse', async () => {
      const username = freshName('ph');
      const phone = await freshPhone(api);
      const { done } = await signUp(h, { username, phone });
      await expectHandedOut(api, username, done);
      expect(await api.addresses(done.body.user_id)).toEqual([`msisdn:${phone.msisdn}`]);
    });

    it('an email address bound to another account is refused at requestToken', async () => {
      const other = await api.createElsewhere(freshName('ow'), [{ medium: 'email', address: `${freshName('x')}@example.org` }]);
      const address = (await api.user(other))!.threepids[0]!.address;
      const username = freshName('ee');
      const { refusedAt } = await signUp(h, { username, email: address });
      expect(refusedAt).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(await api.user(api.userId(username))).toBeUndefined();
      expect(await api.ownerOf('email', address)).toBe(other);
    });

    it('a phone number bound to another account is refused at requestToken', async () => {
      const phone = await freshPhone(api);
      const other = await api.createElsewhere(freshName('ow'), [{ medium: 'msisdn', address: phone.msisdn }]);
      const username = freshName('pe');
      const { refusedAt } = await signUp(h, { username, phone });
      expect(refusedAt).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(await api.user(api.userId(username))).toBeUndefined();
      expect(await api.ownerOf('msisdn', phone.msisdn)).toBe(other);
    });

    it('an email address bound elsewhere after it was verified is refused at the final call, and stays with its owner', async () => {
      const username = freshName('el');
      const email = `${username}@example.org`;
      let other = '';
      const { done } = await signUp(h, {
        username,
        email,
        beforeFinal: async () => void (other = await api.createElsewhere(freshName('ow'), [{ medium: 'email', address: email }])),
      });
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(await api.user(api.userId(username))).toBeUndefined();
      expect(await api.ownerOf('email', email)).toBe(other);
    });

    it('a phone number bound elsewhere after it was verified is refused at the final call, and stays with its owner', async () => {
      const username = freshName('pl');
      const phone = await freshPhone(api);
      let other = '';
      const { done } = await signUp(h, {
        username,
        phone,
        beforeFinal: async () => void (other = await api.createElsewhere(freshName('ow'), [{ medium: 'msisdn', address: phone.msisdn }])),
      });
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(await api.user(api.userId(username))).toBeUndefined();
      expect(await api.ownerOf('msisdn', phone.msisdn)).toBe(other);
    });
  });
}
