/**
 * Stands in for `@smithy/node-http-handler` in the Lambda bundles (an esbuild alias, see infra/bundle-aliases.ts):
 * every client the functions build is given our keep-alive transport (adapters/aws/http-handler.ts), so the SDK's
 * default handler (~7 KB minified, with its timers and HTTP/2 code) is dead weight. The clients' runtime config
 * imports exactly these two names from it: `NodeHttpHandler.create(config.requestHandler ?? …)` and
 * `streamCollector`.
 */
import { AwsHttpHandler, UNHURRIED_ATTEMPT_TIMEOUT_MS } from '../adapters/aws/http-handler.js';

type HandlerLike = { handle: (...args: never[]) => unknown };

/** The SDK's class, by name: `create` hands back a handler it is given, and makes ours otherwise. */
export class NodeHttpHandler extends AwsHttpHandler {
  /**
   * A client built without a handler passes its defaults provider (or the options object it was given): it
   * gets ours with the deadline of a call the SDK's handler never cut short, or the `requestTimeout` it asked for.
   */
  static create(instanceOrOptions?: unknown): HandlerLike {
    if (typeof (instanceOrOptions as Partial<HandlerLike> | undefined)?.handle === 'function') return instanceOrOptions as HandlerLike;
    const asked = (instanceOrOptions as { requestTimeout?: unknown } | undefined)?.requestTimeout;
    return new NodeHttpHandler({ attemptTimeoutMs: typeof asked === 'number' && asked > 0 ? asked : UNHURRIED_ATTEMPT_TIMEOUT_MS });
  }
}

/** Collects a streamed answer body; ours are read whole already, so the SDK's own collector is kept for the rest. */
export { streamCollector } from '@smithy/core/serde';
