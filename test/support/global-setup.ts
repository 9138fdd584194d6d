/** Starts one DynamoDB Local for the whole run; each test file makes its own tables on it. */
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js';
import { handRealHomeserverToItsSuite } from '../synapse/env.js';

let dynamo: DynamoDbLocal | undefined;

export async function setup(): Promise<void> {
  handRealHomeserverToItsSuite(process.env);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_REGION ??= 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
    dynamo = await startDynamoDbLocal();
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  }
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}
