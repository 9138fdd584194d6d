/**
 * The tenant's event bus, for a part that puts sign-up events on it itself. Kept apart from records.ts so
 * that the register function, which leaves its bus deliveries to the sweep, bundles no EventBridge client.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { TenantConfig } from '../config/tenant-config.js';
import { eventBridgeSink } from '../adapters/eventbridge/event-bus.js';
import { unhurriedHandler } from '../adapters/aws/http-handler.js';
import type { EventSink } from '../ports/events.js';

/** On the client given (`npm start`: the local receiver) or one on the environment's settings; none without a bus. */
export function busSinkFor(parts: { config: TenantConfig; eventBridge?: EventBridgeClient }): EventSink | undefined {
  const bus = parts.config.events?.eventBridge;
  return bus && eventBridgeSink(parts.eventBridge ?? new EventBridgeClient({ requestHandler: unhurriedHandler() }), bus);
}
