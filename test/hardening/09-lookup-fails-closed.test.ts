/**
 * Hardening 9: the 3PID lookup fails open. Only Synapse's own "User not found" (404 M_NOT_FOUND) means
 * an address is free; a proxy's HTML 404, an unrecognised endpoint or any other odd answer fails closed
 * with a retryable 503, at requestToken and at the last check before the account is made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, linkInMail, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN } from '../support/constants.js';

const LOOKUP = '/_synapse/admin/v1/threepid/';

type Fake = (() => Response) | undefined;

/** Answers the homeserver's 3PID lookup with `fake()` while one is set; everything else goes through. */
function lookupFaults() {
  const state: { fake: Fake } = { fake: undefined };
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (state.fake && url.pathname.startsWith(LOOKUP)) return state.fake();
    return fetch(input, init);
  };
  return { fetch: wrapped, set: (fake: Fake) => void (state.fake = fake) };
}

const html404 = () =>
  new Response('<html><body><h1>404 Not Found</h1>nginx</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const start = (fetchImpl: typeof fetch, mode: 'admin_api' | 'shared_secret' = 'admin_api') =>
  startHarness({
    messaging: true,
    mode,
    fetch: fetchImpl,
    config: { registration: { flows: [['m.login.email.identity']] }, threepid: THREEPID },
  });

describe('hardening 9: the 3PID lookup fails open', () => {
  it('answers a retryable 503 and sends nothing when the lookup meets an HTML 404 or any answer that is not M_NOT_FOUND', async () => {
    const faults = lookupFaults();
    h = await start(faults.fetch);
    const cases: [string, () => Response][] = [
      ['HTML 404 from a proxy', html404],
      ['404 without an errcode', json(404, {})],
      ['400 M_UNRECOGNIZED (Synapse 1.67)', json(400, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' })],
      ['404 M_UNRECOGNIZED', json(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' })],
      ['400 M_UNKNOWN', json(400, { errcode: 'M_UNKNOWN', error: 'odd' })],
      ['200 without user_id', json(200, {})],
    ];
    let n = 0;
    for (const [name, fake] of cases) {
      faults.set(fake);
      const answer = await h.post(EMAIL_TOKEN, { client_secret: `cs-${++n}`, email: `closed${n}@example.org`, send_attempt: 1 });
      expect(answer.status, name).toBe(503);
      expect(answer.body.errcode, name).toBe('M_UNKNOWN');
      expect(answer.headers.get('retry-after'), name).toMatch(/^\d+$/);
    }
    expect(await h.mail!.mails()).toHaveLength(0);

    // Synapse's own "User not found" still means free, and the same request then goes through.
    faults.set(json(404, { errcode: 'M_NOT_FOUND', error: 'User not found' }));
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs-1', email: 'closed1@example.org', send_attempt: 1 })).status).toBe(200);
    faults.set(undefined);
    expect((await h.post(EMAIL_TOKEN, { client_secret: 'cs-free', email: 'free@example.org', send_attempt: 1 })).status).toBe(200);
  });

  it('never binds an owned address to a new account when the last check before creation meets an HTML 404', async () => {
    const faults = lookupFaults();
    h = await start(faults.fetch);
    const address = 'owned@example.org';
    const first = await h.post(REGISTER, { username: 'newcomer', password: 'correct horse battery' });
    const session = first.body.session;
    const asked = await h.post(EMAIL_TOKEN, { client_secret: 'cs-own', email: address, send_attempt: 1 });
    expect(asked.status).toBe(200);
    expect((await fetch(await linkInMail(h, address))).status).toBe(200);

    // Meanwhile someone else binds the address, and a proxy starts answering the lookup with HTML.
    const put = await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/${encodeURIComponent('@owner:localhost')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'owner password 1', threepids: [{ medium: 'email', address }] }),
    });
    expect(put.status).toBe(201);
    faults.set(html404);

    const done = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session, threepid_creds: { sid: asked.body.sid, client_secret: 'cs-own' } },
    });
    expect(done.status).toBe(503);
    expect(done.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(h.homeserver.getUser('@newcomer:localhost')).toBeUndefined();
    expect(h.homeserver.getUser('@owner:localhost')!.threepids.map((t) => t.address)).toEqual([address]);

    // Once the lookup answers again, the owner is seen and the address stays theirs.
    faults.set(undefined);
    const retried = await h.post(REGISTER, {
      auth: { type: 'm.login.email.identity', session, threepid_creds: { sid: asked.body.sid, client_secret: 'cs-own' } },
    });
    expect(retried.body.errcode).toBe('M_THREEPID_IN_USE');
    expect(h.homeserver.getUser('@owner:localhost')!.threepids.map((t) => t.address)).toEqual([address]);
  });
});
