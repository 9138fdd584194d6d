/** Mounts the password reset: `/account/password` and its requestToken endpoints under both prefixes, and the hosted page. */
import type { Hono } from 'hono';
import { CLIENT_PREFIXES } from './route-table.js';
import { type PasswordRouteDeps, passwordRoutes, type ResetRequestRouteDeps, resetRequestTokenRoutes } from './routes/account-password.js';
import type { ForgotPasswordDeps } from './routes/forgot-password-deps.js';
import { forgotPasswordRoutes } from './routes/forgot-password.js';

/** Each part of the front door fills in what it serves: the register part the reset and the page, the senders requestToken. */
export interface RecoveryMount {
  password?: PasswordRouteDeps;
  requests?: ResetRequestRouteDeps;
  page?: ForgotPasswordDeps;
}

export function mountRecovery(app: Hono, mount: RecoveryMount | undefined): void {
  if (!mount) return;
  for (const prefix of CLIENT_PREFIXES) {
    if (mount.password) app.route(prefix, passwordRoutes(mount.password));
    if (mount.requests) app.route(prefix, resetRequestTokenRoutes(mount.requests));
  }
  if (mount.page) app.route('/', forgotPasswordRoutes(mount.page));
}
