/**
 * Figures the hostile suite measures (requests fuzzed, races run, faults injected, guesses allowed, timing
 * of enumeration-safe answers), appended as JSON lines to scratch/hostile-figures.jsonl for the README and notes.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../scratch/', import.meta.url));

export function recordFigure(name: string, value: unknown): void {
  mkdirSync(DIR, { recursive: true });
  appendFileSync(`${DIR}hostile-figures.jsonl`, `${JSON.stringify({ name, value, at: new Date().toISOString() })}\n`);
}
