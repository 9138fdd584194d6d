import { describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoTermsRecordStore } from '../../functions/adapters/dynamodb/terms-record-store.js';
import { ADMIN_TOKEN, registerThroughTermsAndDummy } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const record = { sessionId: 'sess1', policy: 'tos', version: '2', lang: 'en', acceptedAt: 1_700_000_000_000, ipHash: 'h' };

describe('the conditional writes of records and the outbox', () => {
  const h = useHarness({ mode: 'admin_api' });

  it('writes a terms record once: the second put loses, and only fills in the account it lacked', async () => {
    const store = new DynamoTermsRecordStore(h.db, h.config.tableName);
    const expires = Date.now() + 60_000;
    expect(await store.put({ ...record, requestId: 'req1' }, expires)).toBe('written');
    expect(await store.put({ ...record, version: 'changed', userId: '@a:localhost' }, expires)).toBe('existed');
    expect(await store.put({ ...record, userId: '@b:localhost' }, expires)).toBe('existed');
    const { records } = await store.list({ limit: 10, now: Date.now(), since: record.acceptedAt, until: record.acceptedAt });
    expect(records).toEqual([{ ...record, requestId: 'req1', userId: '@a:localhost' }]);
  });

  it('adds an outbox task once per key, and lets only one of two tries claim it', async () => {
    const outbox = new DynamoOutbox(h.db, h.config.tableName);
    const now = Date.now();
    const task = { key: 'event:webhook:x1', kind: 'event:webhook', body: { id: 'x1' } };
    const added = await Promise.all([outbox.add(task, now, 60_000), outbox.add(task, now, 60_000)]);
    expect(added.filter(Boolean)).toHaveLength(1);
    const claims = await Promise.all([outbox.claim(task.key, now, now + 5000), outbox.claim(task.key, now, now + 5000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await outbox.done(task.key);
    expect(await outbox.claim(task.key, now + 10_000, now + 15_000)).toBeUndefined();
    // Done and gone, but its key still de-duplicates: the same work is not added again.
    expect(await outbox.add(task, now + 1, 60_000)).toBe(false);
  });

  it('keeps one terms record per policy when the creation of the account is retried after a lost answer', async () => {
    h.homeserver.injectFault({ kind: 'commit-then-500', route: 'PUT /_synapse/admin/v2/users' });
    const first = await h.post('/_matrix/client/v3/register', { username: 'lostanswer', password: 'correct horse battery' });
    const session = first.body.session;
    await h.post('/_matrix/client/v3/register', { auth: { type: 'm.login.terms', session, lang: 'fr' } });
    const failed = await h.post('/_matrix/client/v3/register', { auth: { type: 'm.login.dummy', session } });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const retried = await h.post('/_matrix/client/v3/register', { auth: { type: 'm.login.dummy', session } });
    expect(retried.status).toBe(200);
    const items = (await h.items()).filter((i) => i.pk === 'terms-record' && i.userId === '@lostanswer:localhost');
    expect(items.map((i) => [i.policy, i.lang]).sort()).toEqual([
      ['privacy_policy', 'en'],
      ['terms_of_service', 'fr'],
    ]);
  });

  it('takes the record back when the creation is refused for good (the name was taken on the homeserver)', async () => {
    await registerThroughTermsAndDummy(h, 'takenlater');
    const other = await h.post('/_matrix/client/v3/register', { username: 'raceloser', password: 'correct horse battery' });
    const session = other.body.session;
    await h.post('/_matrix/client/v3/register', { auth: { type: 'm.login.terms', session } });
    // Someone makes the name on the homeserver directly, between the checks and the creation.
    await fetch(`${h.homeserver.url}/_synapse/admin/v2/users/${encodeURIComponent('@raceloser:localhost')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const refused = await h.post('/_matrix/client/v3/register', { auth: { type: 'm.login.dummy', session } });
    expect(refused.status).toBe(400);
    expect((await h.items()).filter((i) => i.pk === 'terms-record' && i.userId === '@raceloser:localhost')).toEqual([]);
  });
});
