/** The reset sessions' conditional writes on DynamoDB Local: for each, the second attempt loses. */
import { describe, expect, it } from 'vitest';
import { DynamoResetSessionStore } from '../../functions/adapters/dynamodb/reset-session-store.js';
import type { ResetSession } from '../../functions/model/reset-session.js';
import { useHarness } from '../support/use-harness.js';

const NOW = 1_800_000_000_000;
const proof = (sid: string) => ({ medium: 'email' as const, address: 'a@example.org', sid });
const session = (id: string): ResetSession => ({ id, createdAt: NOW, expiresAt: NOW + 3_600_000, status: 'open', logoutDevices: true });
const claimOf = (sid: string, owner: string, until = NOW + 10_000) => ({
  proof: proof(sid),
  sealedPassword: 'sealed',
  logoutDevices: true,
  lease: { owner, until },
});

describe('reset session store', () => {
  const h = useHarness({});
  const store = () => new DynamoResetSessionStore(h.db, h.config.tableName);

  it('the second claim of one session loses while the first one holds its lease, and wins once it ran out', async () => {
    await store().create(session('s1'));
    expect((await store().claim('s1', claimOf('sid1', 'first'), NOW)).won).toBe(true);
    const second = await store().claim('s1', claimOf('sid1', 'second'), NOW + 1);
    expect(second).toMatchObject({ won: false, current: { status: 'resetting', lease: { owner: 'first' } } });
    expect((await store().claim('s1', claimOf('sid1', 'third'), NOW + 20_000)).won).toBe(true);
  });

  it('a validation that paid for one session is refused to another', async () => {
    await Promise.all([store().create(session('s2')), store().create(session('s3'))]);
    const [a, b] = await Promise.all([store().claim('s2', claimOf('sid2', 'a'), NOW), store().claim('s3', claimOf('sid2', 'b'), NOW)]);
    expect([a.won, b.won].filter(Boolean)).toHaveLength(1);
    const loser = a.won ? b : a;
    expect(loser).toEqual({ won: false, proofUsed: true });
    expect(await store().proofUsedBy('sid2')).toBe(a.won ? 's2' : 's3');
  });

  it('finishing twice, or by a call that lost its lease, changes nothing', async () => {
    await store().create(session('s4'));
    await store().claim('s4', claimOf('sid4', 'owner'), NOW);
    expect(await store().finish('s4', 'intruder', { userId: '@x:localhost', passwordHash: 'h' })).toBe(false);
    expect(await store().finish('s4', 'owner', { userId: '@a:localhost', passwordHash: 'h' })).toBe(true);
    expect(await store().finish('s4', 'owner', { userId: '@b:localhost', passwordHash: 'h2' })).toBe(false);
    const done = await store().get('s4', NOW);
    expect(done).toMatchObject({ status: 'done', userId: '@a:localhost' });
    expect(done?.sealedPassword).toBeUndefined();
    expect((await store().claim('s4', claimOf('sid4', 'late', NOW + 99_999), NOW + 50_000)).won).toBe(false);
  });

  it('a released claim can be taken again at once; a release by another owner does nothing', async () => {
    await store().create(session('s5'));
    await store().claim('s5', claimOf('sid5', 'one'), NOW);
    await store().release('s5', 'someone-else');
    expect((await store().get('s5', NOW))?.status).toBe('resetting');
    await store().release('s5', 'one');
    expect((await store().claim('s5', claimOf('sid5', 'two'), NOW + 1)).won).toBe(true);
  });
});
