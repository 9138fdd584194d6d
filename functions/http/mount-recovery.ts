/** Mounts the password reset: its API (mount-recovery-api.ts) and the hosted "Forgot password" page. */
import type { Hono } from 'hono';
import { mountRecoveryApi, type RecoveryApiMount } from './mount-recovery-api.js';
import type { ForgotPasswordDeps } from './routes/forgot-password-deps.js';
import { forgotPasswordRoutes } from './routes/forgot-password.js';

/** Each part of the front door fills in what it serves: the register part the reset, the senders requestToken, the pages part the page. */
export interface RecoveryMount extends RecoveryApiMount {
  page?: ForgotPasswordDeps;
}

export function mountRecovery(app: Hono, mount: RecoveryMount | undefined): void {
  if (!mount) return;
  mountRecoveryApi(app, mount);
  if (mount.page) app.route('/', forgotPasswordRoutes(mount.page));
}
