/** The live switches an operator flips without a redeploy: close registration, pause SMS, pause email. */
export interface LiveSwitches {
  /** Answers as `registration.enabled: false` does (403 M_FORBIDDEN at /register, the page's closed page). */
  registrationClosed: boolean;
  /** requestToken for phone numbers is refused (no SMS is sent). */
  smsPaused: boolean;
  /** requestToken for email is refused (no mail is sent). */
  emailPaused: boolean;
}

export interface SwitchesState extends LiveSwitches {
  /** When an operator last changed them (epoch ms); absent when never set. */
  changedAt?: number;
  /** Who changed them last (the operator credential's name, or an admin's user id). */
  changedBy?: string;
}

export const SWITCHES_OFF: LiveSwitches = { registrationClosed: false, smsPaused: false, emailPaused: false };
