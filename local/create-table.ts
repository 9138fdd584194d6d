/**
 * Creates a tenant table with the deployed shape (keys, TTL) on a local DynamoDB. Its stream is added by the funnel
 * reader (local/funnel-reader.ts) where something reads it (npm start, a test that reads the funnel's counts): DynamoDB
 * Local keeps working in the background for every stream it holds, which slowed whole test and bench runs.
 */
import { CreateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../functions/adapters/dynamodb/table-schema.js';

/** As infra/session-table.ts: the funnel counter compares a session item's old and new images. */
export const FUNNEL_STREAM_VIEW = 'NEW_AND_OLD_IMAGES';

export async function createTenantTable(db: DynamoDBClient, tableName: string): Promise<void> {
  await db.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partition, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sort, AttributeType: 'S' },
      ],
    }),
  );
  await db.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
}
