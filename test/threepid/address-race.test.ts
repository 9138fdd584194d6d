/**
 * One address, many sign-ups: the homeserver binds one address to any number of accounts if asked, so the
 * front door must make sure only one session gets it, however the final calls race.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';

let h: Harness;
afterEach(() => h.close());

describe('sessions racing for one address', () => {
  it.each(['shared_secret', 'admin_api'] as const)(
    '%s: 12 sessions that each confirmed the address: one account gets it, the rest hear M_THREEPID_IN_USE',
    async (mode) => {
      h = await startHarness({
        mode,
        messaging: true,
        config: {
          registration: { flows: [['m.login.email.identity']] },
          threepid: { ...THREEPID, rateLimits: sendLimits(50, 50, 3600) },
        },
      });
      const racers = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const first = await h.post(REGISTER, { username: `racer${i}`, password: 'correct horse battery' });
          return { i, session: first.body.session as string, secret: `cs-${i}` };
        }),
      );
      const creds: { session: string; sid: string; secret: string }[] = [];
      for (const racer of racers) {
        const sid = (await h.post(EMAIL_TOKEN, { client_secret: racer.secret, email: 'shared@example.org', send_attempt: 1 })).body.sid;
        const link = await linkInMail(h, 'shared@example.org');
        expect((await fetch(link)).status).toBe(200);
        creds.push({ session: racer.session, sid, secret: racer.secret });
      }
      const answers = await Promise.all(
        creds.map((c) =>
          h.post(REGISTER, {
            auth: { type: 'm.login.email.identity', session: c.session, threepid_creds: { sid: c.sid, client_secret: c.secret } },
          }),
        ),
      );
      const winners = answers.filter((a) => a.status === 200);
      expect(winners).toHaveLength(1);
      for (const loser of answers.filter((a) => a.status !== 200)) {
        expect(loser.status).toBe(400);
        expect(loser.body.errcode).toBe('M_THREEPID_IN_USE');
      }
      const holders = h.homeserver.listUsers().filter((u) => u.threepids.some((t) => t.address === 'shared@example.org'));
      expect(holders.map((u) => u.name)).toEqual([winners[0]!.body.user_id]);
      expect(h.homeserver.listUsers()).toHaveLength(1);
    },
  );
});
