/** Asks Synapse's admin API whether a localpart can be registered. */
import type { UsernameAvailability } from '../../ports/index.js';
import { refusal, type HomeserverHttp } from './http-client.js';

/** A name the homeserver refuses throws its 'invalid-username' error, with the homeserver's own reason. */
export async function usernameAvailable(http: HomeserverHttp, adminToken: string, localpart: string): Promise<UsernameAvailability> {
  const path = `/_synapse/admin/v1/username_available?username=${encodeURIComponent(localpart)}`;
  const reply = await http.request('GET', path, { token: adminToken });
  if (reply.status === 200 && reply.body.available === true) return 'available';
  const error = refusal(reply, 'username check');
  if (error.kind === 'user-in-use') return 'in-use';
  throw error;
}
