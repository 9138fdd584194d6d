/** What every store on the tenant table starts from: a DynamoDB client and the table's name. */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One item as the SDK reads and writes it. */
export type Item = Record<string, AttributeValue>;

export abstract class TableAccess {
  constructor(
    protected readonly db: DynamoDBClient,
    protected readonly table: string,
  ) {}
}
