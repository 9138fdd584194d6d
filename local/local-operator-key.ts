/**
 * Where `npm start` keeps the operator key it made up (when none was given), so `npm run operator` finds
 * it without copying: `.front-door/operator-key` in the working directory, readable by its owner only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

export const localOperatorKeyFile = (env: Env) => env.FRONT_DOOR_LOCAL_KEY_FILE ?? join(process.cwd(), '.front-door', 'operator-key');

/** The key `npm start` left behind, or undefined. */
export function readLocalOperatorKey(env: Env): string | undefined {
  try {
    return readFileSync(localOperatorKeyFile(env), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the key for `npm run operator` (owner-only file). */
export function writeLocalOperatorKey(env: Env, key: string): string {
  const file = localOperatorKeyFile(env);
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return file;
}
