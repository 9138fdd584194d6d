/**
 * Password-reset sessions on the tenant table, and the mark a validation (sid) leaves when it has paid for a
 * reset: the claim writes both in one transaction, so one validation sets one password, once.
 */
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ResetProof, ResetSession } from '../../model/reset-session.js';
import type { ResetClaim, ResetSessionStore } from '../../ports/index.js';
import { applied, transact } from './conditional-writes.js';
import { type Item, TableAccess } from './table-access.js';
import { resetSessionKey, resetUseKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

const toSession = (item: Item): ResetSession => {
  const { pk, sk: _sk, ttl: _ttl, ...rest } = unmarshall(item);
  return { ...rest, id: String(pk).slice('reset#'.length) } as ResetSession;
};

export class DynamoResetSessionStore extends TableAccess implements ResetSessionStore {
  async create(session: ResetSession): Promise<void> {
    const { id, ...rest } = session;
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall(
          { ...resetSessionKey(id), ...rest, [TTL_ATTRIBUTE]: ttlSeconds(session.expiresAt) },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string, now: number): Promise<ResetSession | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(resetSessionKey(id)), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const session = toSession(out.Item);
    return session.expiresAt > now ? session : undefined;
  }

  async keepPassword(id: string, sealedPassword: string, logoutDevices: boolean, now: number): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(resetSessionKey(id)),
        UpdateExpression: 'SET sealedPassword = :pw, logoutDevices = :logout',
        ConditionExpression: '#status = :open AND expiresAt > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':pw': sealedPassword, ':logout': logoutDevices, ':open': 'open', ':now': now }),
      }),
    );
  }

  async claim(
    id: string,
    claim: { proof: ResetProof; sealedPassword: string; logoutDevices: boolean; lease: { owner: string; until: number } },
    now: number,
  ): Promise<ResetClaim> {
    const session = await this.get(id, now);
    if (!session) return { won: false };
    const items = [
      {
        Update: {
          TableName: this.table,
          Key: marshall(resetSessionKey(id)),
          UpdateExpression: 'SET #status = :resetting, proof = :proof, sealedPassword = :pw, logoutDevices = :logout, lease = :lease',
          // Open, or claimed by a call whose lease ran out (it may have died mid-reset); never done.
          ConditionExpression: 'expiresAt > :now AND (#status = :open OR (#status = :resetting AND lease.#until <= :now))',
          ExpressionAttributeNames: { '#status': 'status', '#until': 'until' },
          ExpressionAttributeValues: marshall({
            ':resetting': 'resetting',
            ':open': 'open',
            ':proof': claim.proof,
            ':pw': claim.sealedPassword,
            ':logout': claim.logoutDevices,
            ':lease': claim.lease,
            ':now': now,
          }),
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: marshall({
            ...resetUseKey(claim.proof.sid),
            session: id,
            [TTL_ATTRIBUTE]: ttlSeconds(session.expiresAt + 24 * 3600 * 1000),
          }),
          // The validation is free, or already this session's (a retry after a failure).
          ConditionExpression: 'attribute_not_exists(pk) OR #session = :id',
          ExpressionAttributeNames: { '#session': 'session' },
          ExpressionAttributeValues: marshall({ ':id': id }),
        },
      },
    ];
    const outcome = await transact(this.db, items);
    if (outcome === true) return { won: true, session: { ...session, ...claim, status: 'resetting' } };
    if (outcome === 1) return { won: false, proofUsed: true };
    return { won: false, current: await this.get(id, now) };
  }

  async release(id: string, owner: string): Promise<void> {
    await applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(resetSessionKey(id)),
        UpdateExpression: 'SET #status = :open REMOVE lease',
        ConditionExpression: '#status = :resetting AND lease.#owner = :owner',
        ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: marshall({ ':open': 'open', ':resetting': 'resetting', ':owner': owner }),
      }),
    );
  }

  finish(id: string, owner: string, done: { userId: string; passwordHash: string }): Promise<boolean> {
    return applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(resetSessionKey(id)),
        UpdateExpression: 'SET #status = :done, userId = :user, passwordHash = :hash REMOVE sealedPassword, lease',
        ConditionExpression: '#status = :resetting AND lease.#owner = :owner',
        ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: marshall({
          ':done': 'done',
          ':resetting': 'resetting',
          ':owner': owner,
          ':user': done.userId,
          ':hash': done.passwordHash,
        }),
      }),
    );
  }

  async proofUsedBy(sid: string): Promise<string | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(resetUseKey(sid)), ConsistentRead: true }));
    return out.Item ? String(unmarshall(out.Item).session) : undefined;
  }
}
