/**
 * Sign-up events to the tenant's webhook, signed as Standard Webhooks: the body is
 * `{"type", "timestamp", "data"}`; `webhook-id` is the event's id (the same on every retry, so the receiver
 * de-duplicates on it). Any 2xx is delivered; anything else, or no answer in time, is retried later.
 */
import { signWebhook } from '../../crypto/webhook-signature.js';
import type { EventSink } from '../../ports/events.js';

export function webhookSink(options: { url: string; key: Buffer; timeoutMs: number; fetch?: typeof fetch }): EventSink {
  // The global `fetch` is looked up when first called: reading it loads undici, which a cold start need not pay for.
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async (event) => {
    const body = JSON.stringify({
      type: event.type,
      timestamp: new Date(event.occurredAt).toISOString(),
      data: { id: event.id, ...event.facts },
    });
    const headers = signWebhook(options.key, event.id, Date.now() / 1000, body);
    let status: number;
    try {
      const response = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      throw new Error(`webhook: ${(error as Error).name}`);
    }
    if (status < 200 || status > 299) throw new Error(`webhook: HTTP ${status}`);
  };
}
