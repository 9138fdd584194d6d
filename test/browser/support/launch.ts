/**
 * Debian's Chromium, started by playwright-core (which downloads no browser of its own). No vitest here:
 * scripts/screenshots.ts starts the browser this way too.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/** Where Chromium is looked for: `CHROMIUM_PATH` alone when set (a path that does not exist skips the suites), else Debian's and Ubuntu's places. */
export const CHROMIUM_CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath: string | undefined = CHROMIUM_CANDIDATES.find((path) => existsSync(path));

/** Quiet and hermetic: no sync, no component updates, no QUIC, no first-run UI; no GPU in a container. */
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives each launch a fresh temporary --user-data-dir and removes it on close. */
export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(`no Chromium (looked at ${CHROMIUM_CANDIDATES.join(', ')}): apt-get install chromium`);
  return chromium.launch({ executablePath: chromiumPath, args: ARGS, headless: true, timeout: 30_000 });
}

/** Each step and each wait is bounded, so a page that never answers fails the test instead of hanging it. */
export const STEP_TIMEOUT_MS = 8_000;

/**
 * A context that reaches only the front door's own loopback address: any other request (a logo URL, a
 * captcha provider) is refused unless a test routes it, so a run never leaves the machine.
 */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  const problems: string[] = [];
  PROBLEMS.set(context, problems);
  context.on('weberror', (error) => problems.push(`script error: ${error.error().message}`));
  context.on('console', (message) => {
    // A refused script or style (CSP) is reported as a console error; so is a failed page script.
    // An error page is served with its status (400, 403, 429): Chromium notes that, and it is no problem.
    // So is the page script's live username check: by the Matrix spec a taken or invalid name is a 400.
    const failedLoad = /^Failed to load resource/.test(message.text());
    const errorStatusOfPage = failedLoad && message.location().url === message.page()?.url();
    const nameCheck = failedLoad && /\/register\/available\?/.test(message.location().url);
    if (message.type() === 'error' && !errorStatusOfPage && !nameCheck && !/favicon|ERR_BLOCKED_BY_CLIENT/.test(message.text()))
      problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  return context;
}

const PROBLEMS = new WeakMap<BrowserContext, string[]>();

/** What went wrong inside the pages of a context opened with openContext: script errors, CSP refusals. */
export const pageProblems = (context: BrowserContext): string[] => PROBLEMS.get(context) ?? [];
