/**
 * The SDK modules a Lambda bundle replaces with small ones of ours (esbuild aliases; the replacements' paths
 * are relative to the project root). One table for the stack's bundling (front-door-function.ts), the bench
 * (test/bench/cold-start.ts) and the bundle tests, so that what is measured and tested is what is deployed.
 * No CDK import here: the bench and the tests read it without loading aws-cdk-lib.
 */

/** The SDK's default credential provider chain, and what the Lambda bundles use instead. */
export const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
export const ENV_CREDENTIALS = './functions/entries/env-credentials.ts';

/** The SDK's event-stream serde (~15 KB minified), and the stand-in that fails should anything stream. */
export const EVENT_STREAMS = '@smithy/core/event-streams';
export const NO_EVENT_STREAMS = './functions/entries/no-event-streams.ts';

export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  [CREDENTIAL_CHAIN]: ENV_CREDENTIALS,
  [EVENT_STREAMS]: NO_EVENT_STREAMS,
};
