/**
 * `npm start`'s server admin on the development homeserver, so the operator console can be signed in to
 * with a homeserver account as in production: `@admin:<server>`, with `DEV_ADMIN_PASSWORD` or a password
 * made up and printed.
 */
import { randomBytes } from 'node:crypto';

export interface DevAdmin {
  userId: string;
  password: string;
}

export async function makeDevAdmin(homeserverUrl: string, serverName: string, adminToken: string, password?: string): Promise<DevAdmin> {
  const admin = { userId: `@admin:${serverName}`, password: password || `dev-${randomBytes(9).toString('base64url')}` };
  const res = await fetch(`${homeserverUrl}/_synapse/admin/v2/users/${encodeURIComponent(admin.userId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password: admin.password, admin: true, displayname: 'Development admin' }),
  });
  if (!res.ok) throw new Error(`the development homeserver refused the admin account: HTTP ${res.status}`);
  return admin;
}
