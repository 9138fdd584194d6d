/**
 * Issue 18: a shared-secret creation asks for the next creation's nonce while its own registration runs, so
 * that the next one in the same process starts without a round trip. The spare is used once, only while
 * fresh and answered; a spare the homeserver forgot, or one that never came, costs the person nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { homeserverHttp } from '../../functions/adapters/synapse/http-client.js';
import { SharedSecretHomeserver, SPARE_NONCE_MAX_AGE_MS } from '../../functions/adapters/synapse/shared-secret.js';
import { inRequest } from '../../functions/model/request-context.js';
import type { NewAccount } from '../../functions/ports/index.js';
import { type DevHomeserver, startDevHomeserver } from '../../local/dev-homeserver/index.js';

const SECRET = 'spare-nonce-secret';
const NONCE = 'GET /_synapse/admin/v1/register';
const REGISTER = 'POST /_synapse/admin/v1/register';

let hs: DevHomeserver;
let clock: number;
let adapter: SharedSecretHomeserver;

beforeEach(async () => {
  hs = await startDevHomeserver({ serverName: 'localhost', sharedSecret: SECRET });
  clock = Date.now();
  adapter = new SharedSecretHomeserver(homeserverHttp(hs.url, 5_000), SECRET, undefined, () => clock);
});
afterEach(async () => {
  await hs.close();
});

function account(localpart: string): NewAccount {
  return { localpart, password: 'correct horse battery staple', threepids: [], device: {} } as unknown as NewAccount;
}

/** One creation as the engine makes it: the nonce prepared beside the claim, then the account, in one request. */
async function create(localpart: string) {
  return inRequest(`create-${localpart}`, async () => {
    adapter.prepareCreation();
    return adapter.createAccount(account(localpart), { mayExist: false } as never);
  });
}

/** Until the spare asked for beside the last registration has its answer (it is not waited for). */
async function spareAnswered(nonceCalls: number): Promise<void> {
  for (let i = 0; i < 200 && hs.counters[NONCE]! < nonceCalls; i++) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
}

describe('the spare registration nonce', () => {
  it('is asked for beside a registration and used by the next creation, which then asks for no nonce of its own', async () => {
    expect((await create('first')).userId).toBe('@first:localhost');
    await spareAnswered(2);
    expect([hs.counters[NONCE], hs.counters[REGISTER]]).toEqual([2, 1]);
    expect((await create('second')).userId).toBe('@second:localhost');
    await spareAnswered(3);
    // The second creation used the spare and asked for the third creation's: one nonce call each, not two.
    expect([hs.counters[NONCE], hs.counters[REGISTER]]).toEqual([3, 2]);
  });

  it('is not used once older than the homeserver would keep it: the creation asks for a fresh one', async () => {
    await create('early');
    await spareAnswered(2);
    clock += SPARE_NONCE_MAX_AGE_MS;
    expect((await create('later')).userId).toBe('@later:localhost');
    await spareAnswered(4);
    // A fresh nonce for this creation, and a new spare beside it.
    expect([hs.counters[NONCE], hs.counters[REGISTER]]).toEqual([4, 2]);
  });

  it('is used once: two creations at once never both take it', async () => {
    await create('one');
    await spareAnswered(2);
    const [a, b] = await Promise.all([create('two'), create('three')]);
    expect([a.userId, b.userId].sort()).toEqual(['@three:localhost', '@two:localhost']);
    await spareAnswered(4);
    // One took the spare; the other asked for its own; one new spare.
    expect(hs.counters[NONCE]).toBe(4);
    expect(hs.counters[REGISTER]).toBe(3);
  });

  it('forgotten by the homeserver (restarted) costs one retry with a fresh nonce, and the account is made once', async () => {
    await create('before');
    await spareAnswered(2);
    hs.reset();
    expect((await create('after')).userId).toBe('@after:localhost');
    expect(hs.listUsers().map((u) => u.name)).toEqual(['@after:localhost']);
  });

  it('still unanswered is neither waited for nor asked for again: the creation fetches its own', async () => {
    await inRequest('slow-spare', async () => {
      adapter.prepareCreation();
      await spareAnswered(1);
      hs.injectFault({ route: NONCE, kind: 'slow', delayMs: 1_500, times: 1 });
      return adapter.createAccount(account('first'), { mayExist: false } as never);
    });
    await spareAnswered(2);
    expect((await create('meanwhile')).userId).toBe('@meanwhile:localhost');
    await spareAnswered(3);
    // The creation's own, the slow spare (still on its way), the second creation's own; no second spare.
    expect([hs.counters[NONCE], hs.counters[REGISTER]]).toEqual([3, 2]);
  });

  it('that never came (the homeserver dropped the call) is no spare: the next creation fetches its own', async () => {
    await inRequest('dropped-spare', async () => {
      adapter.prepareCreation();
      await spareAnswered(1);
      // The creation's own nonce is in hand: the next nonce call, the spare's, gets no answer.
      hs.injectFault({ route: NONCE, kind: 'down', times: 1 });
      return adapter.createAccount(account('first'), { mayExist: false } as never);
    });
    await spareAnswered(2);
    expect((await create('next')).userId).toBe('@next:localhost');
    await spareAnswered(4);
    // The creation's own, the dropped spare, the next creation's own, and a new spare.
    expect([hs.counters[NONCE], hs.counters[REGISTER]]).toEqual([4, 2]);
  });
});
