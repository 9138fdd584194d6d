/**
 * The browser suites' Chromium. Where none is installed they skip with one line saying so, so `npm test`
 * still runs on such a machine; .ci/run installs it, so in CI they run.
 */
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { CHROMIUM_CANDIDATES, chromiumPath, launchChromium, openContext, pageProblems } from './launch.js';

export { openContext, pageProblems, STEP_TIMEOUT_MS } from './launch.js';

/** Says once per run (the suites run in separate workers of one vitest process) that the browser suites skip. */
function noteSkip(): void {
  try {
    closeSync(openSync(join(tmpdir(), `front-door-browser-skip-${process.ppid}`), 'wx'));
  } catch {
    return;
  }
  console.warn(
    `browser tests skipped: no Chromium (looked at ${CHROMIUM_CANDIDATES.join(', ')}; apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

/**
 * A `describe` whose tests run in one Chromium started before them (each test opens its own contexts: a
 * fresh cookie jar); without Chromium the block is skipped and one line says why.
 */
export function describeInBrowser(name: string, body: (browser: () => Browser) => void): void {
  if (!chromiumPath) {
    noteSkip();
    describe.skip(`${name} (no Chromium)`, () => body(() => notStarted()));
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());
    body(() => browser ?? notStarted());
  });
}

function notStarted(): never {
  throw new Error('describeInBrowser: Chromium starts in beforeAll; use the browser inside a test or hook');
}

/** Opens a context and a page, runs `visit`, and checks that no script failed and the CSP refused nothing. */
export async function inPage<T>(
  browser: Browser,
  options: BrowserContextOptions,
  visit: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await openContext(browser, options);
  try {
    const result = await visit(await context.newPage(), context);
    expect(pageProblems(context), 'script errors and CSP refusals in the pages').toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/** The two ways a person may come: with JavaScript, and without (every step but the captcha works then). */
export const SCRIPTING = [
  { label: 'with JavaScript', javaScriptEnabled: true },
  { label: 'without JavaScript', javaScriptEnabled: false },
] as const;
