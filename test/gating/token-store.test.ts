import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../functions/model/token-record.js';
import { DynamoRegistrationTokenStore } from '../../functions/adapters/dynamodb/registration-token-store.js';
import { createTenantTable } from '../../local/create-table.js';

describe('the registration token store: every count change is conditional', () => {
  const db = new DynamoDBClient({});
  let store: DynamoRegistrationTokenStore;
  const now = Date.now();
  const record = (id: string, usesAllowed: number | null = 1): TokenRecord => ({
    id,
    sealedToken: 'sealed',
    usesAllowed,
    completed: 0,
    expiryTime: null,
    privileges: {},
    reservations: {},
    version: 0,
    createdAt: now,
  });
  beforeAll(async () => {
    const table = `tokens-${randomBytes(4).toString('hex')}`;
    await createTenantTable(db, table);
    store = new DynamoRegistrationTokenStore(db, table);
  });
  afterAll(() => db.destroy());

  it('a second put of the same id loses', async () => {
    expect(await store.put(record('t1'))).toBe(true);
    expect(await store.put(record('t1'))).toBe(false);
  });

  it('a reservation written against a version someone else moved on loses ("stale")', async () => {
    await store.put(record('t2', null));
    const read = (await store.get('t2'))!;
    expect(await store.reserve(read, 'sessionA', now + 60_000, now)).toBe('reserved');
    expect(await store.reserve(read, 'sessionB', now + 60_000, now)).toBe('stale');
    const fresh = (await store.get('t2'))!;
    expect(fresh.version).toBe(1);
    expect(await store.reserve(fresh, 'sessionB', now + 60_000, now)).toBe('reserved');
  });

  it('a session holds one token: a second reservation for it loses ("session-has-token")', async () => {
    await store.put(record('t3', null));
    expect(await store.reserve((await store.get('t3'))!, 'sessionA', now + 60_000, now)).toBe('session-has-token');
  });

  it('completing twice counts once; completing a reservation that was given back loses; uncompleting restores it', async () => {
    await store.put(record('t4', 1));
    expect(await store.reserve((await store.get('t4'))!, 'sessionC', now + 1000, now)).toBe('reserved');
    const held = (await store.sessionReservation('sessionC'))!;
    expect(await store.complete(held)).toBe(true);
    expect(await store.complete(held)).toBe(false);
    expect((await store.get('t4'))!).toMatchObject({ completed: 1, reservations: {} });
    await store.uncomplete(held);
    expect((await store.get('t4'))!).toMatchObject({ completed: 0, reservations: { sessionC: now + 1000 } });

    // Another session reserves after sessionC expired: the expired entry is dropped in the same write.
    await store.put(record('t5', 1));
    expect(await store.reserve((await store.get('t5'))!, 'sessionD', now + 1000, now)).toBe('reserved');
    const later = now + 2000;
    expect(await store.reserve((await store.get('t5'))!, 'sessionE', later + 60_000, later)).toBe('reserved');
    expect(Object.keys((await store.get('t5'))!.reservations)).toEqual(['sessionE']);
    expect(await store.complete((await store.sessionReservation('sessionD'))!)).toBe(false);
  });
});
