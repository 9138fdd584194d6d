/** Registration tokens, a captcha (the local verifier stand-in) and the terms record, with accounts on a real Synapse. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptchaStandIn, type CaptchaStandIn } from '../../local/captcha-stand-in.js';
import { REGISTER, type Harness, type Mode } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { expectHandedOut } from './sign-up.suite.js';
import { clientAt, PASSWORD, signUp, startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';
import { TOKENS } from '../support/constants.js';

const OPERATOR_KEY = 'operator-key-of-the-synapse-suite';
const CAPTCHA_SECRET = 'captcha-secret-of-the-synapse-suite';

export function gatingSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`gated sign-ups on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    let tokens: Harness;
    let captcha: Harness;
    let plain: Harness;
    let verifier: CaptchaStandIn;
    beforeAll(async () => {
      verifier = await startCaptchaStandIn(CAPTCHA_SECRET);
      tokens = await startFrontDoor(synapse, mode, {
        config: { registration: { flows: [['m.login.registration_token', 'm.login.terms', 'm.login.dummy']] } },
        secrets: { operatorKey: OPERATOR_KEY },
      });
      captcha = await startFrontDoor(synapse, mode, {
        config: {
          registration: { flows: [['m.login.recaptcha', 'm.login.terms', 'm.login.dummy']] },
          captcha: { provider: 'turnstile', publicKey: 'site-key-public', hostnames: ['chat.example.org'], verifyUrl: verifier.url },
        },
        secrets: { captchaSecret: CAPTCHA_SECRET },
      });
      plain = await startFrontDoor(synapse, mode);
    });
    afterAll(async () => {
      await Promise.all([tokens?.close(), captcha?.close(), plain?.close()]);
      await verifier?.stop();
    });

    /** first call, one gate stage, terms, dummy: the answers of the gate stage and of the final call. */
    async function gatedSignUp(h: Harness, username: string, gate: Record<string, unknown>) {
      const client = clientAt(h);
      const first = await client.post(REGISTER, { username, password: PASSWORD });
      expect(first.status, JSON.stringify(first.body)).toBe(401);
      const session = first.body.session;
      const passed = await client.post(REGISTER, { auth: { ...gate, session } });
      if (passed.body.errcode) return { passed, done: passed };
      await client.post(REGISTER, { auth: { type: 'm.login.terms', session } });
      return { passed, done: await client.post(REGISTER, { auth: { type: 'm.login.dummy', session } }) };
    }

    it('a one-use registration token makes one account on Synapse; the second holder is refused and gets none', async () => {
      const token = `syn-${freshName('t')}`;
      const created = await tokens.post(
        `${TOKENS}/new`,
        { token, uses_allowed: 1 },
        { headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' } },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const first = freshName('rt');
      const { done } = await gatedSignUp(tokens, first, { type: 'm.login.registration_token', token });
      await expectHandedOut(api, first, done);
      const second = freshName('rt');
      const { passed } = await gatedSignUp(tokens, second, { type: 'm.login.registration_token', token });
      expect(passed).toMatchObject({ status: 401, body: { errcode: 'M_UNAUTHORIZED' } });
      expect(await api.user(api.userId(second))).toBeUndefined();
      const record = await tokens.app.request(`${TOKENS}/${token}`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
      expect(await record.json()).toMatchObject({ uses_allowed: 1, pending: 0, completed: 1 });
    });

    it('a captcha the verifier passes leads to an account on Synapse; a failed one to none', async () => {
      const human = freshName('ca');
      const { done } = await gatedSignUp(captcha, human, { type: 'm.login.recaptcha', response: `pass:chat.example.org:${human}` });
      await expectHandedOut(api, human, done);
      const robot = freshName('ca');
      const { passed } = await gatedSignUp(captcha, robot, { type: 'm.login.recaptcha', response: 'i-am-a-robot' });
      expect(passed).toMatchObject({ status: 401, body: { errcode: 'M_CAPTCHA_INVALID' } });
      expect(await api.user(api.userId(robot))).toBeUndefined();
      expect(verifier.calls.some((c) => c.response === `pass:chat.example.org:${human}` && c.secret === CAPTCHA_SECRET)).toBe(true);
    });

    it('the finished session records the account made on Synapse and the policy versions accepted', async () => {
      const username = freshName('tr');
      const { done } = await signUp(plain, { username });
      await expectHandedOut(api, username, done);
      const items = (await plain.items()).filter((item) => item.userId === done.body.user_id);
      const sessions = items.filter((item) => String(item.pk).startsWith('session#'));
      expect(sessions).toHaveLength(1);
      // Beside it, the terms acceptance records: one per policy, naming the account.
      const records = items.filter((item) => item.pk === 'terms-record');
      expect(records.map((r) => [r.policy, r.version]).sort()).toEqual([
        ['privacy_policy', '1.0'],
        ['terms_of_service', '2.1'],
      ]);
      expect(sessions[0]).toMatchObject({
        status: 'done',
        stages: { 'm.login.terms': { accepted: { privacy_policy: '1.0', terms_of_service: '2.1' } } },
      });
    });
  });
}
