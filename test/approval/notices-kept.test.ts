/**
 * The register function has no mail client (issue 18: bundle and cold start): the operators' notice of a
 * sign-up it puts in the queue is kept in the outbox, under a key that names no address, and the sweep
 * mails it, once, retrying a failed send. A part with a mailer (the sign-up page, `npm start`) mails at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegisterApi } from '../../functions/compose/build.js';
import { buildSweep } from '../../functions/compose/sweep.js';
import { NotifyError, type Mailer } from '../../functions/ports/notify.js';
import { send } from '../support/client.js';
import { type Harness, startHarness, THREEPID } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { finishFlow, OPERATOR_KEY } from './support.js';

const quiet = { info() {}, warn() {}, error() {} };

describe("the operators' notice of a sign-up the register function queues", () => {
  let h: Harness;
  let mailer: Mailer | undefined;
  let failNext = false;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await startHarness({
      clock,
      messaging: true,
      secrets: { operatorKey: OPERATOR_KEY },
      config: { threepid: THREEPID, approval: { when: { always: true }, operatorEmails: ['ops@example.org'] } },
      // The harness's own mailer (the mail catcher), handed to the sweep below; it fails once when asked to.
      wrapMailer: (real) => {
        mailer = {
          send: async (mail) => {
            if (failNext) {
              failNext = false;
              throw new NotifyError('unavailable', 'SES is down');
            }
            await real.send(mail);
          },
        };
        return mailer;
      },
    });
  });
  afterAll(() => h?.close());

  const opsMails = async () => (await h.mail!.mails()).filter((m) => m.to.includes('ops@example.org'));
  const keptMails = async () => (await h.items()).filter((i) => i.kind === 'mail' && typeof i.nextAttemptAt === 'number');
  const sweep = () =>
    buildSweep({ config: h.config, dynamo: h.db, clock: h.clock, log: quiet, secrets: h.secrets, ...(mailer ? { mailer } : {}) })();

  it('is kept, not mailed, by the register function; the sweep mails it once, after a failed try too', async () => {
    const register = buildRegisterApi({ config: h.config, secrets: h.secrets, dynamo: h.db, clock: h.clock, log: quiet });
    const viaRegister = { ...h, post: (path: string, body: unknown, init?: RequestInit) => send(register, path, { body, init }) };
    const { final } = await finishFlow(viaRegister as Harness, 'keptnotice');
    expect(final.body).toMatchObject({ errcode: 'M_USER_AWAITING_APPROVAL' });
    expect(await opsMails()).toEqual([]);
    const kept = await keptMails();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ attempts: 0, body: { to: 'ops@example.org' } });
    // The key outlives the task as a marker (30 days): it names no address and no username.
    const markers = (await h.items()).filter((i) => String(i.pk).startsWith('outbox-key#mail:'));
    expect(markers).toHaveLength(1);
    expect(JSON.stringify(markers)).not.toMatch(/ops@|keptnotice/);
    expect(String(kept[0]!.key)).not.toMatch(/ops@|keptnotice/);

    failNext = true;
    expect(await sweep()).toMatchObject({ done: 0, pending: 1 });
    expect(await opsMails()).toEqual([]);
    clock.advance(31_000);
    expect(await sweep()).toMatchObject({ done: 1 });
    const mails = await opsMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Username: keptnotice');
    expect(await keptMails()).toEqual([]);
    expect(await sweep()).toMatchObject({ done: 0 });
    expect(await opsMails()).toHaveLength(1);
  });

  it('is mailed at once by a part that has a mailer (the harness front door, as the sign-up page)', async () => {
    const { final } = await finishFlow(h, 'directnotice');
    expect(final.body).toMatchObject({ errcode: 'M_USER_AWAITING_APPROVAL' });
    expect((await opsMails()).filter((m) => m.text.includes('Username: directnotice'))).toHaveLength(1);
    expect(await keptMails()).toEqual([]);
  });
});
