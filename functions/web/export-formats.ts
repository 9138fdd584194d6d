/**
 * Exports as JSON lines or CSV (RFC 4180: every field quoted when it holds a quote, comma, CR or LF; quotes
 * doubled; CRLF between records), streamed page by page so a large export never sits in memory at once.
 *
 * CSV is opened in spreadsheets, which run a cell that starts with = + - @ (or TAB, CR) as a formula: the
 * OWASP "CSV Injection" defence is to prefix such a cell with a single quote, which spreadsheets show as
 * text. Some values start with those characters by their grammar and can never hold a formula (no
 * parentheses, no `|` or `!`, no spaces): a Matrix user ID `@name:server`, a number such as `-5`, a
 * base64url hash or id. Those are written unchanged, so ids read back exactly; every other such cell gets
 * the quote. JSON lines is never changed: it is the exact export.
 */

export type ExportFormat = 'jsonl' | 'csv';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** What a spreadsheet takes for the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Values that start like a formula by their grammar but cannot be one: a user ID, a number, a base64url id. */
const INERT = [/^@[a-z0-9._=\-/+]+:(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/, /^[+-]?\d+(\.\d+)?$/, /^[A-Za-z0-9_-]+$/];

/** A cell a spreadsheet shows as text: the single quote is added only where a formula could start. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) && !INERT.some((shape) => shape.test(text)) ? `'${text}` : text;
}

export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = neutralised(typeof value === 'object' ? JSON.stringify(value) : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

/**
 * The export as a stream of UTF-8 bytes: the CSV header first, then one line per row of every page.
 * `pages` yields rows as plain objects; `columns` picks and orders the CSV's fields.
 */
export function exportStream(
  format: ExportFormat,
  columns: readonly string[],
  pages: AsyncIterable<Record<string, unknown>[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && format === 'csv') controller.enqueue(encoder.encode(csvRow([...columns])));
      started = true;
      const page = await iterator.next();
      if (page.done) return controller.close();
      const text = page.value
        .map((row) => (format === 'csv' ? csvRow(columns.map((column) => row[column])) : `${JSON.stringify(row)}\n`))
        .join('');
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
