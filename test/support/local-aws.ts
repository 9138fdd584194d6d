/** What the tests of the AWS adapters share: SDK client settings for a local endpoint, and a failure caught as a value. */

/** Region and credentials for an SDK client pointed at a local stand-in (which checks neither). */
export const LOCAL_AWS = { region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** What `promise` rejects with (undefined when it resolves), so the test can look at the error itself. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}
