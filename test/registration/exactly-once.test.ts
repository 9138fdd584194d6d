import { describe, expect, it } from 'vitest';
import { REGISTER, type Mode } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const CREATE_ROUTE: Record<Mode, string> = {
  shared_secret: 'POST /_synapse/admin/v1/register',
  admin_api: 'PUT /_synapse/admin/v2/users',
};
/** admin_api makes an account with two PUTs: an empty one that creates it, then one that sets the password. */
const CALLS_PER_ACCOUNT: Record<Mode, number> = { shared_secret: 1, admin_api: 2 };

describe.each<Mode>(['shared_secret', 'admin_api'])('one completed session makes one account (%s)', (mode) => {
  const h = useHarness({ mode });

  it('50 parallel final calls on one session create one account and all get the same user_id', async () => {
    h.homeserver.reset();
    const first = await h.post(REGISTER, { username: 'racer', password: 'correct horse battery' });
    const session = first.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const a of answers.filter((x) => x.status === 200)) expect(a.body.user_id).toBe('@racer:localhost');
    expect(h.homeserver.counters[CREATE_ROUTE[mode]]).toBe(CALLS_PER_ACCOUNT[mode]);
    expect(h.homeserver.listUsers()).toHaveLength(1);
    // Whoever was told to wait gets the same account on the retry.
    const retry = await h.post(REGISTER, { auth: { session } });
    expect(retry.body.user_id).toBe('@racer:localhost');
  });

  it('50 sessions racing for one username make one account; every loser is told M_USER_IN_USE', async () => {
    // Counted from here rather than after a reset: a reset would also forget the spare registration nonce.
    const before = h.homeserver.counters[CREATE_ROUTE[mode]]!;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.post(REGISTER, { username: 'popular', password: `password number ${i}` })),
    );
    const winners = answers.filter((a) => a.status === 401);
    const losers = answers.filter((a) => a.status !== 401);
    expect(winners).toHaveLength(1);
    for (const loser of losers) expect(loser).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    const session = winners[0]!.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done.body.user_id).toBe('@popular:localhost');
    expect(h.homeserver.counters[CREATE_ROUTE[mode]]! - before).toBe(CALLS_PER_ACCOUNT[mode]);
  });

  it('a first call sent again after its answer was lost gets its own session back, and nobody else does', async () => {
    const first = await h.post(REGISTER, { username: 'lostanswer', password: 'correct horse battery' });
    const again = await h.post(REGISTER, { username: 'lostanswer', password: 'correct horse battery' });
    expect(again.status).toBe(401);
    expect(again.body.session).toBe(first.body.session);
    const stranger = await h.post(REGISTER, { username: 'lostanswer', password: 'a different password' });
    expect(stranger).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    // Once the session has progress, it is no longer handed out to a new first call.
    await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.terms' } });
    const late = await h.post(REGISTER, { username: 'lostanswer', password: 'correct horse battery' });
    expect(late).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
  });

  it('10 sessions that each completed a stage race to switch to one name: one wins, the rest are told M_USER_IN_USE', async () => {
    h.homeserver.reset();
    // Names only collide on the homeserver here: each session holds its own name, then they all switch.
    const sessions = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const s = (await h.post(REGISTER, { username: `start${i}`, password: 'correct horse battery' })).body.session;
        await h.post(REGISTER, { auth: { session: s, type: 'm.login.terms' } });
        return s as string;
      }),
    );
    const switched = await Promise.all(
      sessions.map((session) => h.post(REGISTER, { username: 'final', password: 'correct horse battery', auth: { session } })),
    );
    expect(switched.filter((a) => a.status === 401)).toHaveLength(1);
    expect(switched.filter((a) => a.status === 400).every((a) => a.body.errcode === 'M_USER_IN_USE')).toBe(true);
  });
});
