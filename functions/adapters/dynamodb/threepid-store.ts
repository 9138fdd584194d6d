/** 3PID validation sessions on the tenant table; each change is one conditional write. */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SubmitRefusal, ThreepidStore } from '../../ports/index.js';
import type { ValidationSession } from '../../model/validation-session.js';
import { TTL_ATTRIBUTE, ttlSeconds, validationKey } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

const toSession = (item: Item): ValidationSession => {
  const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = unmarshall(item);
  return rest as ValidationSession;
};

export class DynamoThreepidStore extends TableAccess implements ThreepidStore {
  async begin(session: ValidationSession, now: number) {
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall(
            { ...validationKey(session.sid), ...session, ttl: ttlSeconds(session.expiresAt) },
            { removeUndefinedValues: true },
          ),
          // New, or expired, or asked again with a higher send_attempt before it was validated.
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt <= :now OR (sendAttempt < :attempt AND attribute_not_exists(validatedAt))',
          ExpressionAttributeValues: marshall({ ':now': now, ':attempt': session.sendAttempt }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { written: true as const };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return { written: false as const, existing: toSession(error.Item) };
    }
  }

  async abandon(sid: string, tokenHash: string): Promise<void> {
    await this.conditionalUpdate({
      Key: marshall(validationKey(sid)),
      UpdateExpression: 'SET sendAttempt = :none',
      ConditionExpression: 'tokenHash = :token',
      ExpressionAttributeValues: marshall({ ':none': -1, ':token': tokenHash }),
    });
  }

  async consumeAttempt(
    sid: string,
    clientSecretHash: string,
    maxAttempts: number,
    now: number,
  ): Promise<ValidationSession | SubmitRefusal> {
    const outcome = await this.conditionalUpdate({
      Key: marshall(validationKey(sid)),
      UpdateExpression: 'ADD attempts :one',
      // The attempt is counted before the token is compared, so parallel guesses cannot pass the cap.
      ConditionExpression: 'clientSecretHash = :secret AND expiresAt > :now AND (attempts < :max OR attribute_exists(validatedAt))',
      ExpressionAttributeValues: marshall({ ':one': 1, ':secret': clientSecretHash, ':now': now, ':max': maxAttempts }),
      ReturnValues: 'ALL_NEW',
    });
    if (outcome.applied) return toSession(outcome.item!);
    if (!outcome.item) return 'unknown';
    const old = toSession(outcome.item);
    if (old.clientSecretHash !== clientSecretHash) return 'wrong-secret';
    return old.expiresAt <= now ? 'expired' : 'locked';
  }

  async markValidated(sid: string, tokenHash: string, validatedAt: number, expiresAt: number) {
    const outcome = await this.conditionalUpdate({
      Key: marshall(validationKey(sid)),
      UpdateExpression: 'SET validatedAt = if_not_exists(validatedAt, :at), expiresAt = :exp, #ttl = :ttl',
      ConditionExpression: 'tokenHash = :token',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: marshall({ ':at': validatedAt, ':exp': expiresAt, ':ttl': ttlSeconds(expiresAt), ':token': tokenHash }),
      ReturnValues: 'ALL_NEW',
    });
    return outcome.applied ? toSession(outcome.item!) : undefined;
  }

  async get(sid: string, now: number) {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(validationKey(sid)), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const session = toSession(out.Item);
    return session.expiresAt > now ? session : undefined;
  }

  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>,
  ): Promise<{ applied: boolean; item?: Item }> {
    try {
      const out = await this.db.send(
        new UpdateItemCommand({ TableName: this.table, ReturnValuesOnConditionCheckFailure: 'ALL_OLD', ...input }),
      );
      return { applied: true, item: out.Attributes };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { applied: false, item: error.Item };
    }
  }
}
