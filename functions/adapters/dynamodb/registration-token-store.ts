/** Registration tokens and their reservations on the tenant table; counts change only in conditional writes. */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RegistrationTokenStore, ReserveOutcome, SessionReservation, TokenPrivileges, TokenRecord } from '../../model/token-record.js';
import { applied, transact } from './conditional-writes.js';
import { accountRecordKey, REGISTRATION_TOKEN_PARTITION, registrationTokenKey, tokenReservationKey, ttlSeconds } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

const toRecord = (item: Item): TokenRecord => {
  const raw = unmarshall(item);
  return {
    id: raw.sk,
    sealedToken: raw.sealedToken,
    usesAllowed: raw.usesAllowed ?? null,
    completed: raw.completed ?? 0,
    expiryTime: raw.expiryTime ?? null,
    privileges: raw.privileges ?? {},
    reservations: raw.reservations ?? {},
    version: raw.version ?? 0,
    createdAt: raw.createdAt,
  };
};

export class DynamoRegistrationTokenStore extends TableAccess implements RegistrationTokenStore {
  async put(record: TokenRecord): Promise<boolean> {
    const { id, ...rest } = record;
    const item = marshall({ ...registrationTokenKey(id), ...rest }, { removeUndefinedValues: true });
    return applied(this.db, new PutItemCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(registrationTokenKey(id)), ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async list(): Promise<TokenRecord[]> {
    const records: TokenRecord[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': REGISTRATION_TOKEN_PARTITION }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      records.push(...(out.Items ?? []).map(toRecord));
      start = out.LastEvaluatedKey;
    } while (start);
    return records;
  }

  async update(id: string, changes: { usesAllowed?: number | null; expiryTime?: number | null; privileges?: TokenPrivileges }) {
    const sets = ['#version = #version + :one'];
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':one': 1 };
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      // Names go through placeholders: some (`privileges`) are DynamoDB reserved words.
      sets.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = value;
    }
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(registrationTokenKey(id)),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRecord(out.Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  delete(id: string): Promise<boolean> {
    return applied(
      this.db,
      new DeleteItemCommand({
        TableName: this.table,
        Key: marshall(registrationTokenKey(id)),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  async reserve(record: TokenRecord, sessionId: string, sessionExpiresAt: number, now: number): Promise<ReserveOutcome> {
    const expired = Object.entries(record.reservations)
      .filter(([, until]) => until <= now)
      .map(([sid]) => sid);
    const names: Record<string, string> = { '#new': sessionId };
    for (const [i, sid] of expired.entries()) names[`#x${i}`] = sid;
    const remove = expired.length > 0 ? ` REMOVE ${expired.map((_, i) => `reservations.#x${i}`).join(', ')}` : '';
    const reservation: SessionReservation = { sessionId, tokenId: record.id, state: 'pending', expiresAt: sessionExpiresAt };
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: marshall({ ...tokenReservationKey(sessionId), ...reservation, ttl: ttlSeconds(sessionExpiresAt) }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: marshall(registrationTokenKey(record.id)),
          UpdateExpression: `SET reservations.#new = :until, version = :next${remove}`,
          ConditionExpression: 'version = :version',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall({ ':until': sessionExpiresAt, ':next': record.version + 1, ':version': record.version }),
        },
      },
    ];
    const outcome = await transact(this.db, items, 6);
    if (outcome === true) return 'reserved';
    return outcome === 0 ? 'session-has-token' : 'stale';
  }

  async sessionReservation(sessionId: string): Promise<SessionReservation | undefined> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(tokenReservationKey(sessionId)), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { sessionId: sid, tokenId, state, expiresAt } = unmarshall(out.Item);
    return { sessionId: sid, tokenId, state, expiresAt };
  }

  async complete(reservation: SessionReservation): Promise<boolean> {
    return (await transact(this.db, this.moveUse(reservation, 'pending', 'completed'))) === true;
  }

  async uncomplete(reservation: SessionReservation): Promise<void> {
    await transact(this.db, this.moveUse(reservation, 'completed', 'pending'));
  }

  async recordAccount(userId: string, record: { tokenId: string; label?: string; registeredAt: number; sessionId: string }): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ ...accountRecordKey(userId), userId, ...record }, { removeUndefinedValues: true }),
      }),
    );
  }

  /** Moves one use between the token's pending reservations and its completed count, both ways atomically. */
  private moveUse(reservation: SessionReservation, from: 'pending' | 'completed', to: 'pending' | 'completed'): TransactWriteItem[] {
    const completing = to === 'completed';
    return [
      {
        Update: {
          TableName: this.table,
          Key: marshall(tokenReservationKey(reservation.sessionId)),
          UpdateExpression: 'SET #state = :to',
          ConditionExpression: '#state = :from',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: marshall({ ':to': to, ':from': from }),
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: marshall(registrationTokenKey(reservation.tokenId)),
          UpdateExpression: completing
            ? 'REMOVE reservations.#sid ADD completed :one, version :one'
            : 'SET reservations.#sid = :until ADD completed :minus, version :one',
          // Completing needs the reservation still there: one given back after expiry cannot be spent.
          ConditionExpression: completing ? 'attribute_exists(reservations.#sid)' : 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#sid': reservation.sessionId },
          ExpressionAttributeValues: marshall(completing ? { ':one': 1 } : { ':until': reservation.expiresAt, ':minus': -1, ':one': 1 }),
        },
      },
    ];
  }
}
