/** Reads a request body as the JSON object Matrix endpoints expect. */
import type { Context } from 'hono';
import { ErrCode } from '../matrix/errcodes.js';
import { badJson, MatrixError } from '../matrix/matrix-error.js';

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MatrixError(400, ErrCode.NotJson, 'Content not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badJson('Content must be a JSON object');
  return value as Record<string, unknown>;
}
