/** What the records tests share: operator calls with a named key, a CSV reader, and the event receiver's settings. */
import type { Harness } from '../support/harness.js';

export const ALICE_KEY = 'alice-operator-key-0123456789';
export const CI_KEY = 'ci-operator-key-0123456789abc';
export const OPERATOR_KEYS = { alice: ALICE_KEY, ci: CI_KEY };
export const WEBHOOK_SECRET = `whsec_${Buffer.from('a webhook secret of 32 bytes....').toString('base64')}`;
export const ADMIN_V1 = '/_front_door/admin/v1';

/** An operator API call as the operator holding `key`; the raw response, so exports can be read as text. */
/** A response whose JSON the test reads as it expects it. */
export type OperatorResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export async function asOperator(
  h: Harness,
  key: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<OperatorResponse> {
  return await h.app.request(`${ADMIN_V1}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of named fields, by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) field += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}
