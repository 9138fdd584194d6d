/**
 * Sign-up events on an Amazon EventBridge bus: one PutEvents entry per event, `detail-type` the event's
 * type, `detail` its id (the idempotency key rules match and de-duplicate on), time and facts.
 */
import { type EventBridgeClient, PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import type { EventSink } from '../../ports/events.js';

export function eventBridgeSink(client: EventBridgeClient, options: { busName: string; source: string }): EventSink {
  return async (event) => {
    let out: PutEventsCommandOutput;
    try {
      out = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: options.busName,
              Source: options.source,
              DetailType: event.type,
              Time: new Date(event.occurredAt),
              Detail: JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, ...event.facts }),
            },
          ],
        }),
      );
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      throw new Error(
        `EventBridge PutEvents failed: ${e.name ?? 'Error'}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}`,
      );
    }
    // PutEvents answers 200 even when an entry failed: each entry says so itself.
    if ((out.FailedEntryCount ?? 0) > 0) throw new Error(`EventBridge refused the entry: ${out.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
  };
}
