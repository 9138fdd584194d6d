/**
 * The password reset's API: `/account/password` and its requestToken endpoints under both prefixes. Apart
 * from the hosted page (mount-recovery.ts) so that the API parts (register, email, sms) load no page.
 */
import type { Hono } from 'hono';
import { CLIENT_PREFIXES } from './route-table.js';
import { type PasswordRouteDeps, passwordRoutes, type ResetRequestRouteDeps, resetRequestTokenRoutes } from './routes/account-password.js';

/** The register part fills in the reset itself, the senders its requestToken. */
export interface RecoveryApiMount {
  password?: PasswordRouteDeps;
  requests?: ResetRequestRouteDeps;
}

export function mountRecoveryApi(app: Hono, mount: RecoveryApiMount | undefined): void {
  if (!mount) return;
  for (const prefix of CLIENT_PREFIXES) {
    if (mount.password) app.route(prefix, passwordRoutes(mount.password));
    if (mount.requests) app.route(prefix, resetRequestTokenRoutes(mount.requests));
  }
}
