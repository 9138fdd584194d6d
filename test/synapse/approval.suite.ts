/**
 * The approval queue and the decision hook in front of a real Synapse: approved sign-ups log in with their
 * password, denied and expired ones leave no account and free the name, two operators approving at once
 * make one account, and the hook's display name lands on the Synapse account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecisionHookReceiver, startDecisionHookReceiver } from '../../local/decision-hook-receiver.js';
import { finishFlow, login, OPERATOR_KEY, operator, REQUESTS, requestOf, sealedPasswords } from '../approval/support.js';
import { type Harness, type Mode, REGISTER } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';
import type { RealSynapse } from './env.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

const DAY_S = 24 * 3600;
const SECRET = `whsec_${Buffer.from('the real-synapse hook secret 32b').toString('base64')}`;
const FLOWS = { registration: { flows: [['m.login.terms', 'm.login.dummy']] } };

export function approvalSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`the approval queue on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    const clock = new TestClock();
    const h = useHarness(() =>
      startFrontDoor(synapse, mode, {
        clock,
        secrets: { operatorKey: OPERATOR_KEY },
        config: { ...FLOWS, approval: { when: { always: true }, deadlineSeconds: DAY_S } },
      }),
    );

    it('MUST-SHOW: pending, then approved by an operator through the API, then the person logs in to Synapse', async () => {
      const name = freshName('ap');
      const { final } = await finishFlow(h, name);
      expect(final).toMatchObject({ status: 403, body: { errcode: 'M_USER_AWAITING_APPROVAL' } });
      expect(await api.user(api.userId(name))).toBeUndefined();
      const request = await requestOf(h, name);
      const approved = await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} });
      expect(approved.body).toMatchObject({ state: 'approved', user_id: api.userId(name), decided_now: true });
      // inhibit_login: the approval made no device; the login below makes the first.
      expect(await api.devices(api.userId(name))).toEqual([]);
      const loggedIn = await login(synapse.url, name);
      expect(loggedIn.status, JSON.stringify(loggedIn.body)).toBe(200);
      expect(loggedIn.body.user_id).toBe(api.userId(name));
      expect(await sealedPasswords(h, name)).toEqual([]);
    });

    it('after the approval, a repeat of the final call is told to log in as the account, and the login works', async () => {
      const name = freshName('rp');
      const { session } = await finishFlow(h, name);
      const request = await requestOf(h, name);
      expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(200);
      const repeat = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
      expect(repeat).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN', user_id: api.userId(name) } });
      expect(await api.devices(api.userId(name))).toEqual([]);
      expect((await login(synapse.url, name)).status).toBe(200);
    });

    it('pending, then denied: no account, and another session can take the name', async () => {
      const name = freshName('dn');
      await finishFlow(h, name);
      const request = await requestOf(h, name);
      expect((await operator(h, `${REQUESTS}/${request.id}/deny`, { body: { reason: 'no' } })).body.state).toBe('denied');
      expect(await api.user(api.userId(name))).toBeUndefined();
      expect((await h.get(`/_matrix/client/v3/register/available?username=${name}`)).body).toEqual({ available: true });
      expect((await finishFlow(h, name)).final.body.errcode).toBe('M_USER_AWAITING_APPROVAL');
    });

    it('two operators approving at once make one Synapse account', async () => {
      const name = freshName('tw');
      await finishFlow(h, name);
      const request = await requestOf(h, name);
      const both = await Promise.all([1, 2].map(() => operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })));
      expect(both.map((r) => r.body.user_id)).toEqual([api.userId(name), api.userId(name)]);
      expect(both.filter((r) => r.body.decided_now)).toHaveLength(1);
      expect(await api.devices(api.userId(name))).toEqual([]);
      expect((await login(synapse.url, name)).status).toBe(200);
    });

    it('past the deadline: the sealed password is gone, approval is refused, Synapse never saw the name', async () => {
      const name = freshName('ex');
      await finishFlow(h, name);
      const request = await requestOf(h, name);
      clock.advance(DAY_S * 1000 + 1);
      expect((await operator(h, `${REQUESTS}/${request.id}/approve`, { body: {} })).status).toBe(410);
      expect(await sealedPasswords(h, name)).toEqual([]);
      expect(await api.user(api.userId(name))).toBeUndefined();
    });
  });

  describe(`the decision hook on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    let hook: DecisionHookReceiver;
    let h: Harness;
    beforeAll(async () => {
      hook = await startDecisionHookReceiver(SECRET);
      h = await startFrontDoor(synapse, mode, {
        secrets: { decisionHookSecret: SECRET },
        config: { ...FLOWS, decisionHook: { url: hook.url, timeoutMs: 2000, onFailure: 'closed' } },
      });
    });
    afterAll(async () => {
      await Promise.all([h?.close(), hook?.close()]);
    });

    it('enriches: the display name the hook gives is the Synapse account’s', async () => {
      hook.decide = () => ({ body: { decision: 'allow', display_name: 'Hooked Name' } });
      const name = freshName('en');
      const { final } = await finishFlow(h, name);
      expect(final.status, JSON.stringify(final.body)).toBe(200);
      const user = (await api.user(api.userId(name))) as unknown as { displayname: string; admin: number };
      expect(user.displayname).toBe('Hooked Name');
      expect(user.admin).toBeFalsy();
    });

    it('denies with its message: no Synapse account', async () => {
      hook.decide = () => ({ body: { decision: 'deny', message: 'Not on our list.' } });
      const name = freshName('hd');
      const { final } = await finishFlow(h, name);
      expect(final).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN', error: 'Not on our list.' } });
      expect(await api.user(api.userId(name))).toBeUndefined();
    });
  });
}
