/**
 * The console's sign-in against Synapse: `POST /login` (m.login.password), then
 * `GET /_synapse/admin/v2/users/<id>` with the person's own token (Synapse answers 200 only to a server admin,
 * 403 M_FORBIDDEN "You are not a server admin" to anyone else), and `POST /logout` on sign-out.
 */
import { HomeserverError } from '../../ports/homeserver.js';
import type { ConsoleLogin, ConsoleSignIn } from '../../ports/console-sign-in.js';
import { type HomeserverHttp, refusal } from './http-client.js';

/** The device name the homeserver shows in the admin's session list. */
const DEVICE_NAME = 'Front door operator console';

export function synapseConsoleSignIn(http: HomeserverHttp): ConsoleSignIn {
  return {
    async login(user, password) {
      const reply = await http.request('POST', '/_matrix/client/v3/login', {
        body: {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user },
          password,
          initial_device_display_name: DEVICE_NAME,
        },
      });
      // Synapse: 403 M_FORBIDDEN for a wrong name or password, M_USER_DEACTIVATED, 400 for a malformed name.
      if (reply.status === 403 || reply.status === 400 || reply.status === 401) return 'invalid';
      if (reply.status === 429) return 'limited';
      if (reply.status !== 200) throw refusal(reply, 'console login');
      const { user_id: userId, access_token: accessToken, device_id: deviceId } = reply.body;
      if (typeof userId !== 'string' || typeof accessToken !== 'string' || typeof deviceId !== 'string')
        throw new HomeserverError('misconfigured', 'login answer without user_id, access_token or device_id');
      return { userId, accessToken, deviceId };
    },

    async isAdmin(login: Pick<ConsoleLogin, 'userId' | 'accessToken'>) {
      const path = `/_synapse/admin/v2/users/${encodeURIComponent(login.userId)}`;
      const reply = await http.request('GET', path, { token: login.accessToken });
      if (reply.status === 200) return reply.body.admin === true || reply.body.admin === 1;
      // 403: not (or no longer) an admin; 401: the token was logged out (or the account deactivated).
      if (reply.status === 403 || reply.status === 401) return false;
      throw refusal(reply, 'admin check');
    },

    async logout(accessToken) {
      const reply = await http.request('POST', '/_matrix/client/v3/logout', { body: {}, token: accessToken });
      // A token the homeserver no longer knows is logged out already.
      if (reply.status === 200 || reply.status === 401) return;
      throw refusal(reply, 'console logout');
    },
  };
}
