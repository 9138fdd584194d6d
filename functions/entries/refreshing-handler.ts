/**
 * An API entry whose app is rebuilt when its secrets change: the secrets are reloaded every
 * FRONT_DOOR_SECRETS_TTL_SECONDS (compose/refreshing-secrets.ts), so a key rotation needs no redeploy.
 */
import type { Hono } from 'hono';
import { refreshing, secretsTtlMs } from '../compose/refreshing-secrets.js';
import { jsonLogger, type Logger } from '../model/log.js';
import type { Clock } from '../ports/clock.js';
import { apiHandler, type Env } from './cold-start.js';

type ApiHandler = ReturnType<typeof apiHandler>;

/** The Lambda handler: each request is answered by the app built from the newest secrets (`options`: tests). */
export async function refreshingApi<S>(
  load: () => Promise<S>,
  build: (secrets: S) => Hono | Promise<Hono>,
  options: { env?: Env; clock?: Clock; log?: Logger } = {},
) {
  const api = await refreshing({
    load,
    build: async (secrets: S) => apiHandler(await build(secrets)),
    ttlMs: secretsTtlMs(options.env ?? process.env),
    log: options.log ?? jsonLogger(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return async (...args: Parameters<ApiHandler>) => (await api.current())(...args);
}
