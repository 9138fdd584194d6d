/** A 3PID validation session: one address, one client secret, the token sent to it, and its state. */
import type { Medium } from './medium.js';

export interface ValidationSession {
  sid: string;
  medium: Medium;
  address: string;
  /** Keyed hash of the client secret; the secret itself is never stored. */
  clientSecretHash: string;
  /** Keyed hash of the token sent; the token itself is never stored. */
  tokenHash: string;
  sendAttempt: number;
  /** Submissions of a token so far (right or wrong); capped. */
  attempts: number;
  createdAt: number;
  /** Epoch ms: the token and, once validated, the validation itself lapse then. */
  expiresAt: number;
  validatedAt?: number;
  nextLink?: string;
}
