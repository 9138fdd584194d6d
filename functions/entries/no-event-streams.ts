/**
 * Stands in for `@smithy/core/event-streams` in the Lambda bundles (an esbuild alias, see infra/bundle-aliases.ts).
 * No call the front door makes streams events (DynamoDB, Secrets Manager, SES, SNS, EventBridge, and the Lambda
 * client's plain Invoke), yet every client bundles the serde (~15 KB minified) and loads it at each cold start.
 * Should a streaming operation ever be called, it fails here at once, instead of half-working.
 */

function notBundled(): never {
  throw new Error('AWS event streams are not in the Lambda bundles (functions/entries/no-event-streams.ts)');
}

/** The Lambda client's set-up step: nothing to add, as the front door calls no operation of it that streams. */
export const resolveEventStreamSerdeConfig = <T>(input: T): T => input;

/** Asked for only by an operation that streams. */
export const eventStreamSerdeProvider = (_context?: unknown): never => notBundled();

/** Made only for an operation that streams (the SDK's protocols load it on first use). */
export class EventStreamSerde {
  constructor(_options?: unknown) {
    notBundled();
  }
}
