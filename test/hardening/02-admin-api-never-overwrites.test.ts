/**
 * Hardening 2: in admin_api mode the v2 user API creates OR replaces. Creation must never modify an
 * account that exists: not one made between the name check and the creation, not one made by anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, REGISTER, startHarness, type Harness } from '../support/harness.js';
import { realSynapse } from '../synapse/env.js';
import { useHarness } from '../support/use-harness.js';

const OUR_PASSWORD = 'correct horse battery';
const THEIR_PASSWORD = 'the owner chose this one';

/** Forwards to the homeserver; once armed, makes `userId` appear on it around the front door's next call about it. */
function appearingAccount(homeserverUrl: () => string, adminToken: () => string) {
  let armed: string | undefined;
  const makeIt = (userId: string) =>
    fetch(`${homeserverUrl()}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: THEIR_PASSWORD, displayname: 'The Owner' }),
    });
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const userId = armed;
    if (!userId || !url.includes(encodeURIComponent(userId.slice(1, userId.indexOf(':'))))) return fetch(input, init);
    armed = undefined;
    // A name check answers "free" and the name is taken right after it: the race the review found.
    if (url.includes('username_available')) {
      const answer = await fetch(input, init);
      await makeIt(userId);
      return answer;
    }
    await makeIt(userId);
    return fetch(input, init);
  };
  return { fetch: wrapped, arm: (userId: string) => (armed = userId) };
}

async function logIn(url: string, user: string, password: string) {
  const reply = await fetch(`${url}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password }),
  });
  return reply.status;
}

async function upToTheLastStep(h: Harness, username: string): Promise<string> {
  const first = await h.post(REGISTER, { username, password: OUR_PASSWORD });
  expect(first.status).toBe(401);
  await h.post(REGISTER, { auth: { session: first.body.session, type: 'm.login.terms' } });
  return first.body.session;
}

const found = realSynapse();
/** The real Synapse runs when npm test is given one (see README); its block is skipped otherwise. */
const targets = [
  { name: 'the stand-in', real: undefined },
  { name: 'a real Synapse', real: 'missing' in found ? null : found },
];

describe.each(targets)('hardening 2: admin_api creation never modifies an existing account ($name)', ({ real }) => {
  let h: Harness;
  let appearing: ReturnType<typeof appearingAccount>;
  const suffix = Math.random().toString(36).slice(2, 8);
  beforeAll(async () => {
    if (real === null) return;
    appearing = appearingAccount(
      () => real?.url ?? h.homeserver.url,
      () => real?.adminToken ?? ADMIN_TOKEN,
    );
    h = await startHarness({ mode: 'admin_api', fetch: appearing.fetch, ...(real ? { realHomeserver: real } : {}) });
  });
  afterAll(() => h?.close());

  it.skipIf(real === null)(
    'a name taken between the check and the creation answers M_USER_IN_USE and the owner keeps the account untouched',
    async () => {
      const username = `owner${suffix}`;
      const session = await upToTheLastStep(h, username);
      appearing.arm(`@${username}:localhost`);
      const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
      expect(done.body.access_token).toBeUndefined();
      const url = real?.url ?? h.homeserver.url;
      expect(await logIn(url, username, THEIR_PASSWORD)).toBe(200);
      expect(await logIn(url, username, OUR_PASSWORD)).toBe(403);
      const user = (await (
        await fetch(`${url}/_synapse/admin/v2/users/${encodeURIComponent(`@${username}:localhost`)}`, {
          headers: { authorization: `Bearer ${real?.adminToken ?? ADMIN_TOKEN}` },
        })
      ).json()) as { displayname?: string };
      expect(user.displayname).toBe('The Owner');
    },
  );

  it.skipIf(real === null)('a retry of the same session does not take an account that someone else made meanwhile', async () => {
    const username = `taken${suffix}`;
    const session = await upToTheLastStep(h, username);
    // The account appears just before the first final call: the retry is then a second attempt, which
    // may adopt only an account of its own.
    appearing.arm(`@${username}:localhost`);
    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    const retried = await h.post(REGISTER, { auth: { session } });
    for (const answer of [done, retried]) expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
    const url = real?.url ?? h.homeserver.url;
    expect(await logIn(url, username, THEIR_PASSWORD)).toBe(200);
  });
});

describe('hardening 2: an account whose creation answer was lost is still finished by the retry (admin_api)', () => {
  const h = useHarness({ mode: 'admin_api' });

  it('the empty PUT made the account and its answer was lost: the retry sets the password and logs in', async () => {
    const session = await upToTheLastStep(h, 'blankfirst');
    h.homeserver.injectFault({ route: 'PUT /_synapse/admin/v2/users', kind: 'commit-then-reset' });
    expect((await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } })).status).toBe(503);
    const retried = await h.post(REGISTER, { auth: { session } });
    expect(retried).toMatchObject({ status: 200, body: { user_id: '@blankfirst:localhost' } });
    expect(await logIn(h.homeserver.url, 'blankfirst', OUR_PASSWORD)).toBe(200);
    expect(h.homeserver.listUsers().filter((u) => u.name === '@blankfirst:localhost')).toHaveLength(1);
  });
});
