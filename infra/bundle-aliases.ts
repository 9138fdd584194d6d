/**
 * The SDK modules a Lambda bundle replaces with small ones of ours (esbuild aliases; the replacements' paths
 * are relative to the project root). One table for the stack's bundling (front-door-function.ts), the bench
 * (test/bench/cold-start.ts) and the bundle tests, so that what is measured and tested is what is deployed.
 * No CDK import here: the bench and the tests read it without loading aws-cdk-lib. Each replacement exports the
 * names the SDK imports of the module it replaces, no more: test/entries/bundle-aliases.test.ts fails when an SDK
 * release asks for another (a missing export), and bundle-contents.test.ts when it no longer asks (a dead alias).
 */

/** The SDK's default credential provider chain, and what the Lambda bundles use instead. */
export const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
export const ENV_CREDENTIALS = './functions/entries/env-credentials.ts';

/** The SDK's event-stream serde (~15 KB minified), and the stand-in that fails should anything stream. */
export const EVENT_STREAMS = '@smithy/core/event-streams';
export const NO_EVENT_STREAMS = './functions/entries/no-event-streams.ts';

/**
 * The SDK's default HTTP handler (~7 KB minified), and ours, which every client the functions build is given
 * anyway (functions/adapters/aws/http-handler.ts); the clients' runtime config imports `NodeHttpHandler` and
 * `streamCollector` from it.
 */
export const HTTP_HANDLER = '@smithy/node-http-handler';
export const KEEP_ALIVE_HANDLER = './functions/entries/keep-alive-handler.ts';

/** DynamoDB's endpoint-discovery cache (with mnemonist and obliterator, ~7 KB), and the same class over a Map. */
export const ENDPOINT_CACHE = '@aws-sdk/endpoint-cache';
export const MAP_ENDPOINT_CACHE = './functions/entries/endpoint-cache.ts';

/** The SDK's Lambda invoke store (~2 KB), of which it reads the runtime's own store alone. */
export const INVOKE_STORE = '@aws/lambda-invoke-store';
export const RUNTIME_INVOKE_STORE = './functions/entries/runtime-invoke-store.ts';

/** The SDK's checksums, of which the clients import `Sha256` alone (with a pure-JS fallback, ~4 KB), and ours on node:crypto. */
export const CHECKSUMS = '@smithy/core/checksum';
export const NODE_SHA256 = './functions/entries/node-sha256.ts';

export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  [CREDENTIAL_CHAIN]: ENV_CREDENTIALS,
  [EVENT_STREAMS]: NO_EVENT_STREAMS,
  [HTTP_HANDLER]: KEEP_ALIVE_HANDLER,
  [ENDPOINT_CACHE]: MAP_ENDPOINT_CACHE,
  [INVOKE_STORE]: RUNTIME_INVOKE_STORE,
  [CHECKSUMS]: NODE_SHA256,
};
