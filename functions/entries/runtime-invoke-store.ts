/**
 * Stands in for `@aws/lambda-invoke-store` in the Lambda bundles (an esbuild alias, see infra/bundle-aliases.ts).
 * The SDK reads it in one place: its recursion-detection step asks the store for the invocation's trace ids
 * (X-Ray, W3C traceparent), else takes `_X_AMZN_TRACE_ID` from the environment. The store holding them is the
 * Lambda runtime's own (`globalThis.awslambda.InvokeStore`, where the runtime provides one); the package's
 * fallback (~2 KB minified) makes an empty store of its own, which answers nothing. So this hands over the
 * runtime's store when there is one, and nothing otherwise: the same headers either way.
 */

interface RuntimeInvokeStore {
  getXRayTraceId(): string | undefined;
  getTraceparent?(): string | undefined;
  getTracestate?(): string | undefined;
  getBaggage?(): string | undefined;
}

export const InvokeStore = {
  async getInstanceAsync(): Promise<RuntimeInvokeStore | undefined> {
    return (globalThis as { awslambda?: { InvokeStore?: RuntimeInvokeStore } }).awslambda?.InvokeStore;
  },
};
