/**
 * Races, repeated: parallel final calls on one session, many sessions for one username, many for one
 * address. Each round must have exactly one winner, and every loser must be told why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { linkInMail, REGISTER, THREEPID } from '../support/harness.js';
import { recordFigure } from './figures.js';
import { useHarness } from '../support/use-harness.js';
import { EMAIL_TOKEN, sendLimits } from '../support/constants.js';

const ROUNDS = 5;
let races = 0;
let racers = 0;

const h = useHarness({
  mode: 'admin_api',
  messaging: true,
  config: {
    registration: { flows: [['m.login.terms', 'm.login.dummy'], ['m.login.email.identity']] },
    threepid: { ...THREEPID, rateLimits: sendLimits(1000, 10_000) },
  },
});
afterAll(() => {
  recordFigure('races run', races);
  recordFigure('racing requests', racers);
});

describe('races, round after round', () => {
  it(`${ROUNDS} rounds of 25 parallel final calls on one session: one account, one user_id for all`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const first = await h.post(REGISTER, { username: `final${round}`, password: 'correct horse battery' });
      const session = first.body.session;
      await h.post(REGISTER, { auth: { type: 'm.login.terms', session } });
      const answers = await Promise.all(Array.from({ length: 25 }, () => h.post(REGISTER, { auth: { type: 'm.login.dummy', session } })));
      races++;
      racers += answers.length;
      for (const a of answers) {
        // The calls that found the creation under way and waited past it are told to come back.
        if (a.status === 429) expect(a.body.errcode).toBe('M_LIMIT_EXCEEDED');
        else expect(a.body.user_id, JSON.stringify(a.body)).toBe(`@final${round}:localhost`);
      }
      expect(h.homeserver.listUsers().filter((u) => u.name === `@final${round}:localhost`)).toHaveLength(1);
    }
  });

  it(`${ROUNDS} rounds of 25 sessions for one username: one holds it, the rest hear M_USER_IN_USE`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) => h.post(REGISTER, { username: `wanted${round}`, password: `person ${i} password` })),
      );
      races++;
      racers += answers.length;
      expect(answers.filter((a) => a.status === 401)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 401)) expect(a).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    }
  });

  it(`${ROUNDS} rounds of 6 sessions with one confirmed address: one account gets it, the rest hear M_THREEPID_IN_USE`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const email = `contested${round}@example.org`;
      const entrants = [];
      for (let i = 0; i < 6; i++) {
        const first = await h.post(REGISTER, { username: `contest${round}x${i}`, password: 'correct horse battery' });
        const sid = (await h.post(EMAIL_TOKEN, { client_secret: `r${round}s${i}`, email, send_attempt: 1 })).body.sid;
        await fetch(await linkInMail(h, email));
        entrants.push({ session: first.body.session, sid, client_secret: `r${round}s${i}` });
      }
      const answers = await Promise.all(
        entrants.map((e) =>
          h.post(REGISTER, {
            auth: { type: 'm.login.email.identity', session: e.session, threepid_creds: { sid: e.sid, client_secret: e.client_secret } },
          }),
        ),
      );
      races++;
      racers += answers.length;
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200))
        expect(a).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_IN_USE' } });
      expect(h.homeserver.listUsers().filter((u) => u.threepids.some((t) => t.address === email))).toHaveLength(1);
    }
  }, 120_000);
});
