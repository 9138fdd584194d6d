/** The tenant's DynamoDB table: on demand, TTL, point-in-time recovery, deletion protection, a generated name, a stream of old and new images. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../functions/adapters/dynamodb/table-schema.js';

export class SessionTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No tableName: CloudFormation names it, so two tenants (or two stages) can share an account.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partition, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sort, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The funnel is counted from session items' changes (funnel-counter.ts): a stage passed is a stage the new image
      // has and the old one had not; a session the TTL deleted unfinished is abandoned by its old image.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
  }
}
