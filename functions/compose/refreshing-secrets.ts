/**
 * Secrets held for a while, not until the next cold start: an entry reloads its secrets every few minutes
 * (FRONT_DOOR_SECRETS_TTL_SECONDS, default 300) and rebuilds what it made from them only when they changed,
 * so a rotated key or credential reaches every warm function without a redeploy. A failed reload keeps the
 * secrets it has (the function goes on working) and is tried again at the next request after the TTL.
 */
import { createHash } from 'node:crypto';
import { keysOf } from '../crypto/key-ring.js';
import { ConfigError } from '../model/config-error.js';
import type { Logger } from '../model/log.js';
import { type Clock, systemClock } from '../ports/clock.js';

export const SECRETS_TTL_VARIABLE = 'FRONT_DOOR_SECRETS_TTL_SECONDS';
export const DEFAULT_SECRETS_TTL_SECONDS = 300;

/** The TTL in ms from the environment: whole seconds, 0 = until cold start (as before); anything else fails the cold start. */
export function secretsTtlMs(env: Record<string, string | undefined>): number {
  const raw = env[SECRETS_TTL_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_SECRETS_TTL_SECONDS * 1000;
  if (!/^\d{1,6}$/.test(raw)) throw new ConfigError([`${SECRETS_TTL_VARIABLE}: whole seconds (0 = reload only at cold start)`]);
  return Number(raw) * 1000;
}

export interface RefreshingOptions<S, T> {
  /** Reads the secrets (Secrets Manager or the environment); throws when they are missing or malformed. */
  load: () => Promise<S>;
  /** Makes what depends on the secrets (the app, the homeserver client…). */
  build: (secrets: S) => T | Promise<T>;
  ttlMs: number;
  clock?: Clock;
  log?: Logger;
}

/** What was built from the newest secrets; `current()` reloads them first when the TTL has passed. */
export interface Refreshing<T> {
  current(): Promise<T>;
}

/**
 * Loads and builds once now (a bad secret still fails the cold start), then on demand after each TTL.
 * Concurrent requests share one reload; the secrets are compared by a digest, never kept twice in clear.
 */
export async function refreshing<S, T>(options: RefreshingOptions<S, T>): Promise<Refreshing<T>> {
  const clock = options.clock ?? systemClock;
  const first = await options.load();
  let built = await options.build(first);
  let digest = secretsDigest(first);
  let checkAt = clock.now() + options.ttlMs;
  let reloading: Promise<T> | undefined;

  const reload = async (): Promise<T> => {
    try {
      const secrets = await options.load();
      const next = secretsDigest(secrets);
      if (next !== digest) {
        built = await options.build(secrets);
        digest = next;
        options.log?.info('secrets_reloaded', { changed: true });
      }
    } catch (error) {
      // Only the error's name and the problems' wording (they name variables and fields, never values).
      const problems = error instanceof ConfigError ? error.problems.join('; ') : (error as Error).name;
      options.log?.warn('secrets_not_reloaded', { problems });
    }
    checkAt = clock.now() + options.ttlMs;
    return built;
  };

  return {
    current() {
      if (options.ttlMs <= 0 || clock.now() < checkAt) return Promise.resolve(built);
      reloading ??= reload().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
  };
}

/** A digest of every value, a key with the older keys of its ring (a key added as previous is a change). */
export function secretsDigest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(plain(value)))
    .digest('base64');
}

/** Buffers as their ring's keys in base64 (the ring lives beside the Buffer, which JSON would not see). */
function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return keysOf(value).map((key) => key.toString('base64'));
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
