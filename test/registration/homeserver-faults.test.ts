import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness, type Mode } from '../support/harness.js';

const CREATE_ROUTE: Record<Mode, string> = {
  shared_secret: 'POST /_synapse/admin/v1/register',
  admin_api: 'PUT /_synapse/admin/v2/users',
};

async function upToTheLastStep(h: Harness, username: string): Promise<string> {
  const first = await h.post(REGISTER, { username, password: 'correct horse battery' });
  const session = first.body.session;
  await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
  return session;
}

describe.each<Mode>(['shared_secret', 'admin_api'])('the homeserver failing at the last step (%s)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode, homeserverTimeoutMs: 1000 });
  });
  afterAll(() => h.close());

  it.each(['down', 'status500', 'slow', 'commit-then-500', 'commit-then-reset'] as const)(
    '%s: the client gets a retryable Matrix error, keeps its stages, and the retry makes the account once',
    async (kind) => {
      const username = `fault-${kind}`.replace(/[^a-z0-9-]/g, '');
      const session = await upToTheLastStep(h, username);
      h.homeserver.injectFault({ route: CREATE_ROUTE[mode], kind, delayMs: 1500 });
      const failed = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
      expect(failed.status).toBe(503);
      expect(failed.body.errcode).toBe('M_UNKNOWN');
      expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);

      const progress = await h.post(REGISTER, { auth: { session } });
      expect(progress.status).toBe(200);
      expect(progress.body.user_id).toBe(`@${username}:localhost`);
      expect(h.homeserver.listUsers().filter((u: any) => u.name === `@${username}:localhost`)).toHaveLength(1);
    },
  );

  it('a username taken on the homeserver behind the front door’s back is M_USER_IN_USE, not a 500', async () => {
    const session = await upToTheLastStep(h, 'sneaky');
    await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/${encodeURIComponent('@sneaky:localhost')}`, {
      method: 'PUT',
      headers: { authorization: 'Bearer syt_admin_test_token_77c1' },
      body: JSON.stringify({ password: 'someone else' }),
    });
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    // The session lives on: a new name finishes it without redoing a stage.
    const renamed = await h.post(REGISTER, { username: 'sneaky2', password: 'correct horse battery', auth: { session } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user_id).toBe('@sneaky2:localhost');
  });
});

describe('shared-secret mode without an admin token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'shared_secret', withAdminToken: false });
  });
  afterAll(() => h.close());

  it('registers, and reports a name taken on the homeserver when the account is created', async () => {
    const session = await upToTheLastStep(h, 'solo');
    expect((await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } })).status).toBe(200);
    expect(h.homeserver.counters['GET /_synapse/admin/v1/username_available'] ?? 0).toBe(0);
  });
});
