/** Turns a zod failure into the Matrix error for it: missing → M_MISSING_PARAM, wrong type → M_BAD_JSON. */
import type * as z from 'zod/mini';
import { englishMessages } from '../model/zod-english.js';
import { badJson, invalidParam, missingParam } from './errors.js';

export function parseWith<T extends z.ZodMiniType>(schema: T, raw: unknown): z.infer<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badJson('Content must be a JSON object');
  const result = schema.safeParse(raw, { error: englishMessages });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    return valueAt(raw, issue.path) === undefined ? throwing(missingParam(name)) : throwing(badJson(`${name}: ${issue.message}`));
  }
  throw invalidParam(`${name}: ${issue.message}`);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as any)[key] : undefined), root);
}

function throwing(error: Error): never {
  throw error;
}
