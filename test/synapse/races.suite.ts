/** Twenty final calls of one session at once, against a real Synapse: one account, one device. */
import { describe, expect, it } from 'vitest';
import { REGISTER, type Answer, type Mode } from '../support/harness.js';
import { retrying } from '../support/retrying.js';
import type { TestClock } from '../support/test-clock.js';
import type { RealSynapse } from './env.js';
import { expectHandedOut } from './sign-up.suite.js';
import { clientAt, PASSWORD, startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';
import { useHarness } from '../support/use-harness.js';

export function racesSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`one session raced on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    const h = useHarness(() => startFrontDoor(synapse, mode));

    it('20 parallel final calls on one session make one account with one device, and all get the same answer', async () => {
      const username = freshName('rc');
      const client = clientAt(h);
      const first = await client.post(REGISTER, { username, password: PASSWORD, initial_device_display_name: 'Raced' });
      const session = first.body.session;
      expect((await client.post(REGISTER, { auth: { type: 'm.login.terms', session } })).status).toBe(401);
      const seen: Answer[] = [];
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          retrying(() => client.post(REGISTER, { auth: { type: 'm.login.dummy', session } }), seen, h.clock as TestClock, 20),
        ),
      );
      for (const retried of seen) expect([429, 503], JSON.stringify(retried.body)).toContain(retried.status);
      for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size, 'one answer, replayed').toBe(1);
      await expectHandedOut(api, username, answers[0]!, { initial_device_display_name: 'Raced' });
    });
  });
}
