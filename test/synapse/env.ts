/**
 * Where the real-Synapse suite finds its homeserver. `npm test` takes HOMESERVER_URL and the secrets from
 * its environment, but every other test (the quick start, the Lambda entries) reads those same names as
 * "use this homeserver instead of the stand-in": the global setup moves them aside for this suite alone.
 */
const HANDED = 'FRONT_DOOR_TEST_REAL_HOMESERVER';
const NAMES = ['HOMESERVER_URL', 'SERVER_NAME', 'REGISTRATION_SHARED_SECRET', 'HOMESERVER_ADMIN_TOKEN'] as const;

type Env = Record<string, string | undefined>;

/** Run by the global setup, before the test processes start (they inherit the environment it leaves). */
export function handRealHomeserverToItsSuite(env: Env): void {
  if (!env.HOMESERVER_URL) return;
  env[HANDED] = JSON.stringify(Object.fromEntries(NAMES.map((name) => [name, env[name]])));
  for (const name of NAMES) delete env[name];
}

export interface RealSynapse {
  url: string;
  serverName: string;
  sharedSecret: string;
  adminToken: string;
  /** Where synapse.sh keeps it, and its port: only the restart test needs them. */
  dir?: string;
  port?: number;
}

/** The closed Synapse the suite runs against, or what is missing. */
export function realSynapse(env: Env = process.env): RealSynapse | { missing: string } {
  const given: Env = env[HANDED] ? JSON.parse(env[HANDED]!) : env;
  const missing = NAMES.filter((name) => name !== 'SERVER_NAME' && !given[name]);
  if (missing.length > 0) return { missing: missing.join(', ') };
  return {
    url: given.HOMESERVER_URL!,
    serverName: given.SERVER_NAME || 'localhost',
    sharedSecret: given.REGISTRATION_SHARED_SECRET!,
    adminToken: given.HOMESERVER_ADMIN_TOKEN!,
    dir: env.SYNAPSE_DIR || undefined,
    port: env.SYNAPSE_PORT
      ? Number(env.SYNAPSE_PORT)
      : given.HOMESERVER_URL
        ? Number(new URL(given.HOMESERVER_URL).port) || undefined
        : undefined,
  };
}

/** A stock Synapse 1.67 (without the 3PID lookup endpoint), when one is given. */
export function stockSynapse(env: Env = process.env): Omit<RealSynapse, 'dir' | 'port'> | { missing: string } {
  const missing = ['STOCK_HOMESERVER_URL', 'STOCK_HOMESERVER_ADMIN_TOKEN'].filter((name) => !env[name]);
  if (missing.length > 0) return { missing: missing.join(', ') };
  return {
    url: env.STOCK_HOMESERVER_URL!,
    serverName: env.STOCK_SERVER_NAME || 'localhost',
    sharedSecret: env.STOCK_REGISTRATION_SHARED_SECRET || '',
    adminToken: env.STOCK_HOMESERVER_ADMIN_TOKEN!,
  };
}
