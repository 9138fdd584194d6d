/**
 * Gate passes on the tenant table: one budget per UIA session, written once (a second grant to the same
 * session loses its condition), and beside it a pointer from the client's network to that session, so a
 * stock client can spend the same budget by IP. Each send is one conditional decrement.
 */
import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { GatePassGrant, GatePassStore } from '../../ports/index.js';
import { transact } from './conditional-writes.js';
import { gatePassKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';
import { TableAccess } from './table-access.js';

const sessionKey = (sessionId: string) => gatePassKey(`session:${sessionId}`);
const networkKey = (key: string) => gatePassKey(`ip:${key}`);

export class DynamoGatePassStore extends TableAccess implements GatePassStore {
  async grant(pass: GatePassGrant): Promise<boolean> {
    const outcome = await transact(this.db, [
      {
        Put: {
          TableName: this.table,
          Item: marshall(
            {
              ...sessionKey(pass.sessionId),
              remaining: pass.sends,
              expiresAt: pass.expiresAt,
              tokenId: pass.tokenId,
              [TTL_ATTRIBUTE]: ttlSeconds(pass.keepUntil),
            },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: marshall({
            ...networkKey(pass.networkKey),
            sessionId: pass.sessionId,
            expiresAt: pass.expiresAt,
            [TTL_ATTRIBUTE]: ttlSeconds(pass.expiresAt),
          }),
        },
      },
    ]);
    return outcome === true;
  }

  async sessionOf(key: string, now: number): Promise<string | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(networkKey(key)), ConsistentRead: true }));
    const item = out.Item && unmarshall(out.Item);
    return item && item.expiresAt > now ? String(item.sessionId) : undefined;
  }

  async consume(sessionId: string, now: number): Promise<{ tokenId?: string } | undefined> {
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(sessionKey(sessionId)),
          UpdateExpression: 'ADD remaining :minus',
          ConditionExpression: 'expiresAt > :now AND remaining > :zero',
          ExpressionAttributeValues: marshall({ ':minus': -1, ':now': now, ':zero': 0 }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      const tokenId = out.Attributes?.tokenId?.S;
      return tokenId === undefined ? {} : { tokenId };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
