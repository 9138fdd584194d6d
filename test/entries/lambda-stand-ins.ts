/** What the entry tests need around a bundle: esbuild as the stack runs it, API Gateway events, Lambda Invoke. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLING, PROJECT_ROOT } from '../../infra/front-door-function.js';
import { FUNCTION_ENTRIES, type FunctionName } from '../../infra/routes.js';
import { SWEEP_ENTRY } from '../../infra/front-door-sweep.js';
import { BUNDLE_ALIASES } from '../../infra/bundle-aliases.js';
import { checkedConfigEnv } from '../../functions/config/checked-config.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';

/**
 * Builds an entry with the options the stack gives NodejsFunction; returns the bundle's path. It goes under
 * a node_modules folder so that the test runner leaves it to Node's own loader, as Lambda does, instead of
 * transforming 600 KB of minified code.
 */
export async function bundleEntry(name: FunctionName | 'lambda' | 'sweep', outdir: string): Promise<string> {
  const outfile = join(outdir, 'node_modules', 'front-door-bundles', name, 'index.mjs');
  // `lambda`: the whole front door as one function (functions/entries/lambda.ts), which no stack deploys.
  // `sweep`: the scheduled sweep, which has no HTTP route.
  const entry = name === 'lambda' ? 'functions/entries/lambda.ts' : name === 'sweep' ? SWEEP_ENTRY : FUNCTION_ENTRIES[name];
  await esbuild.build({
    entryPoints: [resolve(PROJECT_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target!,
    mainFields: BUNDLING.mainFields!,
    minify: true,
    sourcemap: true,
    banner: { js: BUNDLING.banner! },
    // BUNDLING's aliases (infra/bundle-aliases.ts; their paths are the project root's).
    alias: BUNDLE_ALIASES,
    absWorkingDir: PROJECT_ROOT,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * The config as the stack gives it to a function: parsed at synth (infra/tenants.ts) and set with its digest, so
 * the cold start takes it as it is. A config set without them is parsed in full at each cold start.
 */
export const stackConfig = (raw: unknown) => checkedConfigEnv(parseTenantConfig(raw));

export type Handler = (event: unknown, context?: unknown) => Promise<any>;

/** Imports a bundle as Lambda would: its cold start reads `env`, so set it first. `tag` forces a fresh cold start. */
export async function coldStart(bundle: string, env: Record<string, string | undefined>, tag = ''): Promise<Handler> {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const module = await import(`${pathToFileURL(bundle).href}${tag ? `?${tag}` : ''}`);
  return module.handler as Handler;
}

/** The Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`) on loopback, calling handlers in this process. */
export async function startLambdaInvoke(
  functions: Record<string, () => Handler | undefined>,
): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
      const handler = functions[name]?.();
      if (req.method !== 'POST' || !handler) {
        res
          .writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' })
          .end(JSON.stringify({ message: `Function not found: ${name}` }));
        return;
      }
      calls.push(name);
      try {
        const answer = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), {});
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }).end(JSON.stringify(answer));
      } catch (error) {
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorMessage: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
