/**
 * An entry built in memory as the stack bundles it (infra/front-door-function.ts BUNDLING and the SDK aliases of
 * infra/bundle-aliases.ts), for the tests that read what a bundle carries or whether it builds cleanly.
 */
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE_ALIASES } from '../../infra/bundle-aliases.js';
import { BUNDLING, PROJECT_ROOT } from '../../infra/front-door-function.js';

/** `entry` relative to the project root; with its metafile. */
export function buildAsDeployed(entry: string) {
  return esbuild.build({
    entryPoints: [resolve(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    outfile: 'index.mjs',
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target!,
    mainFields: BUNDLING.mainFields!,
    minify: true,
    banner: { js: BUNDLING.banner! },
    alias: BUNDLE_ALIASES,
    metafile: true,
    logLevel: 'silent',
  });
}
