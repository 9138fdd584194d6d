/**
 * Synapse stopped and started again (synapse.sh stop / start) in the middle of sign-ups: the client is told
 * to retry, and once Synapse is back the sign-up completes with its account, address and one device.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REGISTER, type Mode } from '../support/harness.js';
import { retrying } from '../support/retrying.js';
import type { TestClock } from '../support/test-clock.js';
import type { RealSynapse } from './env.js';
import { expectHandedOut } from './sign-up.suite.js';
import { clientAt, EMAIL_TOKEN, PASSWORD, startFrontDoor } from './sign-up.js';
import { linkInMail } from '../support/harness.js';
import { freshName, SynapseApi } from './synapse-api.js';
import { useHarness } from '../support/use-harness.js';

const run = promisify(execFile);
const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SYNAPSE_SH = process.env.SYNAPSE_SH ?? resolve(REPO, '../shared/synapse/synapse.sh');

export function restartSuite(synapse: RealSynapse, mode: Mode): void {
  const dir = synapse.dir;
  const why = !dir ? 'SYNAPSE_DIR is not set' : !existsSync(SYNAPSE_SH) ? `${SYNAPSE_SH} is missing` : undefined;
  describe.skipIf(why)(`Synapse restarted during sign-ups (${mode})${why ? `: skipped, ${why}` : ''}`, () => {
    const api = new SynapseApi(synapse);
    const h = useHarness(() => startFrontDoor(synapse, mode, { homeserverTimeoutMs: 2000 }));

    const stop = () => run('bash', [SYNAPSE_SH, 'stop', dir!]);
    // synapse.sh rewrites the config at each start: keep the hash cost the suite was started with.
    const start = () =>
      run('bash', [SYNAPSE_SH, 'start', dir!, String(synapse.port), 'closed'], {
        env: { ...process.env, SYNAPSE_BCRYPT_ROUNDS: process.env.SYNAPSE_BCRYPT_ROUNDS ?? '4' },
      });
    /** Makes `call` while Synapse is stopped, and starts Synapse again whatever happens. */
    const whileStopped = async <T>(call: () => Promise<T>): Promise<T> => {
      await stop();
      try {
        return await call();
      } finally {
        await start();
      }
    };

    it('stopped before the final call of an email sign-up: a retryable answer, then the account once Synapse is back', async () => {
      const username = freshName('rs');
      const email = `${username}@example.org`;
      const client = clientAt(h);
      const first = await client.post(REGISTER, { username, password: PASSWORD, initial_device_display_name: 'Restarted' });
      const session = first.body.session;
      const sid = (await client.post(EMAIL_TOKEN, { client_secret: 'restart-1', email, send_attempt: 1 })).body.sid;
      expect((await fetch(await linkInMail(h, email))).status).toBe(200);
      await client.post(REGISTER, { auth: { type: 'm.login.terms', session } });
      const final = () =>
        client.post(REGISTER, { auth: { type: 'm.login.email.identity', session, threepid_creds: { sid, client_secret: 'restart-1' } } });
      const down = await whileStopped(final);
      expect([503, 429]).toContain(down.status);
      expect(down.body.errcode).toBeTypeOf('string');
      expect(down.headers.get('retry-after')).toBeTruthy();
      const done = await retrying(final, [], h.clock as TestClock, 10);
      await expectHandedOut(api, username, done, { initial_device_display_name: 'Restarted' });
      expect(await api.addresses(done.body.user_id)).toEqual([`email:${email}`]);
    }, 120_000);

    it('stopped before the first call: the client is told to retry, and the whole sign-up then completes', async () => {
      const username = freshName('rf');
      const client = clientAt(h);
      const begin = () => client.post(REGISTER, { username, password: PASSWORD });
      const down = await whileStopped(begin);
      expect(down.status).toBe(503);
      expect(down.body.errcode).toBeTypeOf('string');
      const first = await retrying(begin, [], h.clock as TestClock, 10);
      expect(first.status).toBe(401);
      const session = first.body.session;
      await client.post(REGISTER, { auth: { type: 'm.login.terms', session } });
      const done = await client.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
      await expectHandedOut(api, username, done);
    }, 120_000);
  });
}
