import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalFrontDoor } from '../local/start.js';

describe('the README quick start (npm start) over real HTTP', () => {
  let local: LocalFrontDoor;
  beforeAll(async () => {
    local = await startLocal({ ...process.env, PORT: '0', DEV_HOMESERVER_PORT: '0', TABLE_NAME: 'quick-start' }, { quiet: true });
  });
  afterAll(() => local.stop());

  const post = async (body: unknown) => {
    const res = await fetch(`${local.url}/_matrix/client/v3/register`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('registers an account through terms then dummy, as the printed curl lines do', async () => {
    const first = await post({ username: 'alice', password: 'correct horse battery' });
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([{ stages: ['m.login.terms', 'm.login.dummy'] }]);
    const terms = await post({ auth: { type: 'm.login.terms', session: first.body.session } });
    expect(terms.body.completed).toEqual(['m.login.terms']);
    const done = await post({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@alice:localhost');

    const whoami = await fetch(`${local.config.homeserver.url}/_matrix/client/v3/login`, {
      method: 'POST',
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: 'correct horse battery' }),
    });
    expect(whoami.status).toBe(200);
  });
});
