/** A 3PID validation session: one address, one client secret, the token sent to it, and its state. */
import type { Medium } from './medium.js';

/**
 * What a validation is for: a sign-up, an address added to an account after sign-up, or a password reset.
 * Each use accepts only sessions of its own purpose; a session without one is a sign-up's (stored before).
 */
export const ValidationPurpose = { Register: 'register', Add: 'add', Reset: 'reset' } as const;
export type ValidationPurpose = (typeof ValidationPurpose)[keyof typeof ValidationPurpose];

/** The sign-up's sessions carry no purpose; every other use names its own. */
export const purposeOf = (session: ValidationSession): ValidationPurpose => session.purpose ?? ValidationPurpose.Register;

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
  /** Absent on a sign-up's session. */
  purpose?: ValidationPurpose;
  /** The account the session is for: `add`, the user whose access token asked for it. */
  userId?: string;
  /**
   * A phone number's country (ISO 3166 alpha-2) as found when it was parsed, so that the re-check at account
   * creation needs no phone metadata. Absent for email, for a number without a country, and on older sessions.
   */
  country?: string;
}
