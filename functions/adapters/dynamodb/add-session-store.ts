/** The UIA sessions of `/account/3pid/add` and the per-user address-list lock, on the tenant table. */
import { GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AddSession, AddSessionStore } from '../../ports/index.js';
import { applied } from './conditional-writes.js';
import { addressListLockKey, addSessionKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';
import { TableAccess } from './table-access.js';

export class DynamoAddSessionStore extends TableAccess implements AddSessionStore {
  async create(session: AddSession): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall(
          { ...addSessionKey(session.id), ...session, [TTL_ATTRIBUTE]: ttlSeconds(session.expiresAt) },
          { removeUndefinedValues: true },
        ),
        // Ids are random; a collision must never overwrite another user's session.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string, now: number): Promise<AddSession | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(addSessionKey(id)), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, [TTL_ATTRIBUTE]: _ttl, ...session } = unmarshall(out.Item);
    return (session as AddSession).expiresAt > now ? (session as AddSession) : undefined;
  }

  async passPassword(id: string, at: number): Promise<void> {
    await this.setOnce(id, 'passwordAt', at);
  }

  async markBound(id: string, at: number): Promise<void> {
    await this.setOnce(id, 'boundAt', at);
  }

  async lockList(userId: string, owner: string, until: number, now: number): Promise<boolean> {
    return applied(
      this.db,
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ ...addressListLockKey(userId), owner, expiresAt: until, [TTL_ATTRIBUTE]: ttlSeconds(until) }),
        // Free, or its holder's time ran out (a holder that died mid-change).
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: marshall({ ':now': now }),
      }),
    );
  }

  async unlockList(userId: string, owner: string): Promise<void> {
    await applied(
      this.db,
      new DeleteItemCommand({
        TableName: this.table,
        Key: marshall(addressListLockKey(userId)),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: marshall({ ':owner': owner }),
      }),
    );
  }

  /** Sets a time field unless it is set already; the session must exist. */
  private async setOnce(id: string, field: 'passwordAt' | 'boundAt', at: number): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(addSessionKey(id)),
        UpdateExpression: 'SET #field = if_not_exists(#field, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#field': field },
        ExpressionAttributeValues: marshall({ ':at': at }),
      }),
    );
  }
}
