/** Reads a request body as the JSON object Matrix endpoints expect. */
import type { Context } from 'hono';
import { badJson, notJson } from '../matrix/errors.js';

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notJson();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badJson('Content must be a JSON object');
  return value as Record<string, unknown>;
}
