/**
 * axe-core in the page: its source is evaluated through the DevTools protocol rather than added as a
 * `<script>`, which the page's CSP (nonces only) rightly refuses; the page keeps its real CSP while it is checked.
 * Needs JavaScript on in the context (Chromium refuses to evaluate the whole of axe with scripts disabled).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every axe rule that fails on the page as it is now (axe's default rule set: WCAG 2.x A and AA, and best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
}

export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  const described = found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
  expect(described, `axe on ${where}`).toEqual([]);
}
