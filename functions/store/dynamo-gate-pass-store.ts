/** Gate passes on the tenant table: a send budget with an expiry, spent by one conditional decrement each. */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { GatePassStore } from '../ports.js';
import { applied } from './conditional-writes.js';
import { gatePassKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

export class DynamoGatePassStore implements GatePassStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async grant(key: string, sends: number, expiresAt: number): Promise<void> {
    // A new pass replaces the old budget rather than adding to it, so passes cannot be stockpiled.
    await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(gatePassKey(key)),
        UpdateExpression: 'SET remaining = :sends, expiresAt = :until, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: marshall({ ':sends': sends, ':until': expiresAt, ':ttl': ttlSeconds(expiresAt) }),
      }),
    );
  }

  async consume(key: string, now: number): Promise<boolean> {
    return applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(gatePassKey(key)),
        UpdateExpression: 'ADD remaining :minus',
        ConditionExpression: 'expiresAt > :now AND remaining > :zero',
        ExpressionAttributeValues: marshall({ ':minus': -1, ':now': now, ':zero': 0 }),
      }),
    );
  }
}
