/**
 * The start-up look at the homeserver: does it have the admin 3PID lookup (Synapse 1.72 and later)?
 * Only this probe may read "unrecognised endpoint" as "missing"; at request time any answer that is not
 * a clear owner or a clear "User not found" fails closed.
 */
import { HomeserverError, type HomeserverCapabilities } from '../../ports/index.js';
import { Medium } from '../../model/medium.js';
import type { HomeserverHttp } from './http-client.js';
import { readLookupAnswer, threepidLookupPath } from './threepid-lookup.js';

/** An address nobody can own (RFC 2606 `.invalid`), asked about only to see whether the endpoint exists. */
const PROBE_ADDRESS = 'front-door-probe@example.invalid';

/**
 * One request when the lookup is there (the version is only told when it explains a missing or unknown
 * lookup): a cold start that probes opens one connection to the homeserver, not two.
 */
export async function probeHomeserver(http: HomeserverHttp, adminToken: string): Promise<HomeserverCapabilities> {
  const threepidLookup = await lookupPresence(http, adminToken);
  if (threepidLookup === 'available') return { threepidLookup };
  const serverVersion = await serverVersionOf(http);
  return { threepidLookup, ...(serverVersion ? { serverVersion } : {}) };
}

async function lookupPresence(http: HomeserverHttp, adminToken: string): Promise<HomeserverCapabilities['threepidLookup']> {
  try {
    const reply = await http.request('GET', threepidLookupPath({ medium: Medium.Email, address: PROBE_ADDRESS }), { token: adminToken });
    const answer = readLookupAnswer(reply);
    if ('unrecognized' in answer) return 'missing';
    return 'owner' in answer || 'free' in answer ? 'available' : 'unknown';
  } catch (error) {
    if (error instanceof HomeserverError) return 'unknown';
    throw error;
  }
}

/** Synapse serves this without a token; other homeservers may not have it at all. */
async function serverVersionOf(http: HomeserverHttp): Promise<string | undefined> {
  try {
    const reply = await http.request('GET', '/_synapse/admin/v1/server_version');
    const version = reply.body.server_version;
    // Only shown in logs: a short printable string, whatever the homeserver sent.
    return reply.status === 200 && typeof version === 'string' && /^[\x20-\x7e]{1,64}$/.test(version) ? version : undefined;
  } catch (error) {
    if (error instanceof HomeserverError) return undefined;
    throw error;
  }
}
