/**
 * The sign-up page's state between requests: one cookie, `fd_signup`, sealed with the tenant key, so the
 * browser holds it but can neither read nor change it. It names the UIA session, never holds the password.
 * Every form carries a CSRF field: a keyed hash of a random id kept in the cookie.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { KeyedHash } from '../crypto/keyed-hash.js';
import type { SecretBox } from '../ports/index.js';

export const SIGNUP_COOKIE = 'fd_signup';
const SEAL_CONTEXT = 'fd_signup v1';
const CSRF_PURPOSE = 'signup-csrf';

export interface SignupState {
  /** A random id made with the cookie: what the CSRF field is a keyed hash of. */
  pre: string;
  /** The UIA session, once the account step created it. */
  session?: string;
  /** The chosen flow (index into registration.flows). */
  flow?: number;
  /** The stages the engine last said are completed. */
  completed: string[];
  /** The client secret of this sign-up's email or phone validation. */
  clientSecret: string;
  sid?: string;
  sendAttempt: number;
  /** Shown back on the "check your mail" and code pages (the person typed them). */
  address?: string;
  country?: string;
  lang?: string;
  /** From an invite link: pre-fills and locks the registration token field. */
  token?: string;
  /** The account made: the page shows it, and nothing else is kept. */
  userId?: string;
  /**
   * The flow is done and the account waits for an operator: how the decision will be told (MSC3866's
   * `approval_notice_medium`); `closed` once its session is gone (denied, or past its deadline).
   */
  awaiting?: { medium: string; closed?: true };
}

export function newSignupState(lang?: string): SignupState {
  return {
    pre: randomBytes(16).toString('base64url'),
    completed: [],
    clientSecret: `fd${randomBytes(24).toString('base64url')}`,
    sendAttempt: 0,
    lang,
  };
}

export class SignupCookies {
  constructor(
    private readonly box: SecretBox,
    private readonly hasher: KeyedHash,
    private readonly path: string,
    private readonly maxAgeSeconds: number,
  ) {}

  read(c: Context): SignupState | undefined {
    const sealed = getCookie(c, SIGNUP_COOKIE);
    if (!sealed || sealed.length > 3000) return undefined;
    try {
      const state = JSON.parse(this.box.open(sealed, SEAL_CONTEXT)) as SignupState;
      return typeof state.pre === 'string' && typeof state.clientSecret === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  write(c: Context, state: SignupState): void {
    setCookie(c, SIGNUP_COOKIE, this.box.seal(JSON.stringify(state), SEAL_CONTEXT), {
      path: this.path,
      httpOnly: true,
      // Not over plain http on this machine (npm start), where a Secure cookie would never come back.
      secure: new URL(c.req.url).protocol === 'https:',
      sameSite: 'Lax',
      maxAge: this.maxAgeSeconds,
    });
  }

  csrfOf(state: SignupState): string {
    return this.hasher.hash(CSRF_PURPOSE, state.pre);
  }

  csrfMatches(state: SignupState, submitted: unknown): boolean {
    return typeof submitted === 'string' && submitted.length < 200 && this.hasher.matches(CSRF_PURPOSE, state.pre, submitted);
  }
}
