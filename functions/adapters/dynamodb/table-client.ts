/**
 * The DynamoDB client every part and the local stand-ins use: the SDK's, over the table's own HTTP transport
 * (adapters/aws/http-handler.ts), without the two steps of the SDK's stack that do work for nothing here: its logger step
 * filters each call's input and output for a logger the front door never gives it (it logs for itself,
 * model/log.ts), and its user-agent step builds a header of SDK telemetry. Together ~0.06 ms of CPU a call
 * (issue 18, docs/bench.md); a sign-up makes eight or more. Each kind of command's stack is resolved once and
 * kept (the SDK's `cacheMiddleware`), not again at every call: ~0.1 ms of CPU a call. A step added to the stack
 * after a command of its kind was sent is then not in that command's kept stack: the front door adds none; a
 * test that adds one to a client in use asks for a client without the cache.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { AwsHttpHandler } from '../aws/http-handler.js';

/** Steps of the SDK's middleware stack left out, by the names it registers them under. */
const UNUSED_STEPS = ['loggerMiddleware', 'getUserAgentMiddleware'];

/** Region, credentials and AWS_ENDPOINT_URL_DYNAMODB come from the environment unless `config` names them. */
export function tableClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  const client = new DynamoDBClient({ requestHandler: new AwsHttpHandler(), cacheMiddleware: true, ...config });
  for (const step of UNUSED_STEPS) client.middlewareStack.remove(step);
  return client;
}
