/**
 * Issue 18: in shared-secret mode the registration nonce is fetched beside the write that claims the
 * creation, not after it. A nonce fetched ahead that the homeserver no longer knows (Synapse keeps one for
 * 60 s, in one process) costs the person nothing: the creation asks for a fresh one and goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';

const NONCE_PATH = '/_synapse/admin/v1/register';

/** Records the homeserver calls in order, and can make the homeserver forget the next registration nonce. */
function watchedHomeserver() {
  const calls: string[] = [];
  let forgetNext = false;
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url.pathname}`);
    if (forgetNext && method === 'POST' && url.pathname === NONCE_PATH) {
      forgetNext = false;
      return new Response(JSON.stringify({ errcode: 'M_UNKNOWN', error: 'unrecognised nonce' }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    return fetch(input, init);
  };
  return { fetch: wrapped, calls, forget: () => void (forgetNext = true) };
}

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function signUp(username: string): Promise<{ status: number; userId?: string }> {
  const first = await h.post(REGISTER, { username, password: 'correct horse battery staple' });
  const done = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session: first.body.session } });
  return { status: done.status, userId: done.body.user_id };
}

describe('the registration nonce, fetched ahead', () => {
  it('is asked for before the registration that uses it, and the next one beside it', async () => {
    const homeserver = watchedHomeserver();
    h = await startHarness({ mode: 'shared_secret', fetch: homeserver.fetch, config: { registration: { flows: [['m.login.dummy']] } } });
    expect(await signUp('early')).toEqual({ status: 200, userId: '@early:localhost' });
    const registration = homeserver.calls.filter((call) => call.endsWith(NONCE_PATH));
    // The third call is the next creation's nonce (the spare: test/registration/spare-nonce.test.ts).
    expect(registration).toEqual([`GET ${NONCE_PATH}`, `POST ${NONCE_PATH}`, `GET ${NONCE_PATH}`]);
  });

  it('is fetched again when the homeserver has forgotten it, and the account is made once', async () => {
    const homeserver = watchedHomeserver();
    h = await startHarness({ mode: 'shared_secret', fetch: homeserver.fetch, config: { registration: { flows: [['m.login.dummy']] } } });
    homeserver.forget();
    expect(await signUp('forgotten')).toEqual({ status: 200, userId: '@forgotten:localhost' });
    const registration = homeserver.calls.filter((call) => call.endsWith(NONCE_PATH));
    // The nonce fetched ahead, its refusal, the spare asked for beside it, a fresh one, the registration that made the account.
    expect(registration).toEqual([
      `GET ${NONCE_PATH}`,
      `POST ${NONCE_PATH}`,
      `GET ${NONCE_PATH}`,
      `GET ${NONCE_PATH}`,
      `POST ${NONCE_PATH}`,
    ]);
    expect(h.homeserver.getUser('@forgotten:localhost')).toBeDefined();
  });
});
