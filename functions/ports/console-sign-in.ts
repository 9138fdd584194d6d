/**
 * How the operator console signs in a homeserver admin: a password login on the homeserver's client API,
 * the admin check on its admin API with the person's own access token, and the logout of the device the
 * login made. No admin token of the front door's is used: the homeserver itself says who is an admin.
 */

/** What a successful password login gave: the device lives until `logout`. */
export interface ConsoleLogin {
  userId: string;
  accessToken: string;
  deviceId: string;
}

export interface ConsoleSignIn {
  /** `invalid` for a wrong name or password (or a deactivated account); a HomeserverError when it cannot be asked. */
  login(user: string, password: string): Promise<ConsoleLogin | 'invalid' | 'limited'>;
  /** Whether the account is (still) a server admin, asked with its own access token; false once that token is logged out. */
  isAdmin(login: Pick<ConsoleLogin, 'userId' | 'accessToken'>): Promise<boolean>;
  /** Logs the login's device out (an unknown token counts as logged out already). */
  logout(accessToken: string): Promise<void>;
}
