/**
 * Password reset on a real Synapse: by email and by phone, the old password refused and the new one accepted,
 * devices signed out unless asked not to, enumeration-safe answers alike, a proof used once, a deactivated
 * account left alone, and a logged-in change of password passed through to Synapse untouched.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/use-harness.js';
import type { Mode } from '../support/harness.js';
import {
  adminUser,
  deactivate,
  type Homeserver,
  login,
  makeAccount,
  PASSWORD_PATH,
  proveEmail,
  provePhone,
  RESET_EMAIL_TOKEN,
  resetWith,
  whoami,
} from '../recovery/reset-support.js';
import type { RealSynapse } from './env.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, freshPhone, SynapseApi } from './synapse-api.js';

const OLD = 'the old and tired password';
const NEW = 'a brand new river of words';

export function passwordResetSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`password reset on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    const hs: Homeserver = { url: synapse.url, adminToken: synapse.adminToken, serverName: synapse.serverName };
    const h = useHarness(() => startFrontDoor(synapse, mode, { config: { recovery: {} } }));

    it('resets by email: the old password fails, the new one logs in, every device is signed out', async () => {
      const name = freshName('rm');
      await makeAccount(hs, name, OLD, [{ medium: 'email', address: `${name}@example.org` }]);
      const before = await login(hs, name, OLD);
      const creds = await proveEmail(h, `${name}@example.org`, `${name}-secret`);
      expect((await resetWith(h, 'm.login.email.identity', creds, NEW)).status).toBe(200);
      expect((await login(hs, name, OLD)).body.errcode).toBe('M_FORBIDDEN');
      expect((await login(hs, name, NEW)).status).toBe(200);
      expect((await whoami(hs, before.body.access_token)).body.errcode).toBe('M_UNKNOWN_TOKEN');
    });

    it('resets by phone and keeps the devices when logout_devices is false', async () => {
      const name = freshName('rp');
      const phone = await freshPhone(api);
      await makeAccount(hs, name, OLD, [{ medium: 'msisdn', address: phone.msisdn }]);
      const before = await login(hs, name, OLD);
      const creds = await provePhone(h, { country: 'GB', number: phone.national, e164: phone.e164 }, `${name}-secret`);
      expect((await resetWith(h, 'm.login.msisdn', creds, NEW, { logout_devices: false })).status).toBe(200);
      expect((await login(hs, name, NEW)).status).toBe(200);
      expect((await whoami(hs, before.body.access_token)).status).toBe(200);
    });

    it('a proof used once does nothing the second time', async () => {
      const name = freshName('r2');
      await makeAccount(hs, name, OLD, [{ medium: 'email', address: `${name}@example.org` }]);
      const creds = await proveEmail(h, `${name}@example.org`, `${name}-secret`);
      expect((await resetWith(h, 'm.login.email.identity', creds, NEW)).status).toBe(200);
      const token = (await login(hs, name, NEW)).body.access_token;
      const again = await resetWith(h, 'm.login.email.identity', creds, 'a third password here');
      expect(again.body.errcode).toBe('M_THREEPID_AUTH_FAILED');
      expect((await login(hs, name, NEW)).status).toBe(200);
      expect((await whoami(hs, token)).status).toBe(200);
    });

    it('leaves a deactivated account alone', async () => {
      const name = freshName('rd');
      const userId = await makeAccount(hs, name, OLD, [{ medium: 'email', address: `${name}@example.org` }]);
      const creds = await proveEmail(h, `${name}@example.org`, `${name}-secret`);
      expect((await deactivate(hs, userId)).status).toBe(200);
      expect(await resetWith(h, 'm.login.email.identity', creds, NEW)).toMatchObject({ status: 404, body: { errcode: 'M_NOT_FOUND' } });
      expect((await adminUser(hs, userId)).body.deactivated).toBe(1);
      expect((await login(hs, name, NEW)).body.errcode).not.toBe(undefined);
    });

    it('an address without an account is M_THREEPID_NOT_FOUND', async () => {
      const answer = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'nf', email: `${freshName('nf')}@example.org`, send_attempt: 1 });
      expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_NOT_FOUND' } });
    });

    it("passes a logged-in change of password to Synapse untouched, and Synapse's own UIA changes it", async () => {
      const name = freshName('rl');
      await makeAccount(hs, name, OLD, []);
      const token = (await login(hs, name, OLD)).body.access_token;
      const headers = { authorization: `Bearer ${token}` };
      const first = await h.post(PASSWORD_PATH, { new_password: NEW }, { headers });
      expect(first.status).toBe(401);
      expect(first.body.flows).toEqual([{ stages: ['m.login.password'] }]);
      const auth = { type: 'm.login.password', session: first.body.session, identifier: { type: 'm.id.user', user: name }, password: OLD };
      expect((await h.post(PASSWORD_PATH, { new_password: NEW, auth }, { headers })).status).toBe(200);
      expect((await login(hs, name, NEW)).status).toBe(200);
      expect((await whoami(hs, token)).status).toBe(200);
    });
  });

  describe(`password reset on Synapse, enumeration-safe (${mode})`, () => {
    const hs: Homeserver = { url: synapse.url, adminToken: synapse.adminToken, serverName: synapse.serverName };
    const h = useHarness(() => startFrontDoor(synapse, mode, { config: { recovery: { enumerationSafe: true } } }));

    it('answers an address with and without an account alike; only the one with an account gets a link', async () => {
      const name = freshName('re');
      await makeAccount(hs, name, OLD, [{ medium: 'email', address: `${name}@example.org` }]);
      const known = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'safe', email: `${name}@example.org`, send_attempt: 1 });
      const unknown = await h.post(RESET_EMAIL_TOKEN, { client_secret: 'safe', email: `nobody-${name}@example.org`, send_attempt: 1 });
      expect([known.status, unknown.status]).toEqual([200, 200]);
      expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));
      const mails = await h.mail!.mails();
      expect(mails.find((m) => m.to.includes(`nobody-${name}@example.org`))!.text).not.toContain('submit_token');
      expect(mails.find((m) => m.to.includes(`${name}@example.org`) && !m.to.includes('nobody'))!.text).toContain('submit_token');
    });
  });
}
