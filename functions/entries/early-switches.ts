/**
 * The live switches read during the cold start, for the entries whose every request reads them (register and
 * the senders): into the cache the app reads them through (one per table client, compose/observability.ts),
 * beside the cold start's own waits (secrets, the homeserver probe, the owner lookup). The first request then
 * goes straight to its own work instead of waiting for that read and the SDK's first-call set-up (issue 18).
 * The read is as fresh as the cache allows anyway (10 s); one that fails is tried again at the first request.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { observabilityFor } from '../compose/observability.js';
import type { TenantConfig } from '../config/tenant-config.js';

export function readSwitchesEarly(config: TenantConfig, dynamo: DynamoDBClient): void {
  // Never rejects: a failed read is logged and left for the next request (policy/live-switches.ts).
  void observabilityFor({ config, dynamo }).switches.current();
}
