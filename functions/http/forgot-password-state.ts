/**
 * The "Forgot password" page's state between requests: one cookie, `fd_reset`, sealed with the tenant key
 * (the browser can neither read nor change it), scoped to the page's path. It never holds the password.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { KeyedHash } from '../crypto/keyed-hash.js';
import type { Medium } from '../model/medium.js';
import type { SecretBox } from '../ports/index.js';

export const RESET_COOKIE = 'fd_reset';
const SEAL_CONTEXT = 'fd_reset v1';
const CSRF_PURPOSE = 'reset-csrf';

export interface ResetPageState {
  /** A random id made with the cookie: what the CSRF field is a keyed hash of. */
  pre: string;
  clientSecret: string;
  /** How the person proves the account is theirs (chosen on the first step). */
  medium?: Medium;
  sid?: string;
  sendAttempt: number;
  /** Shown back on the "check your mail" and code pages (the person typed it). */
  address?: string;
  country?: string;
  lang?: string;
  /** The address is confirmed (the link followed in this browser, or the code typed). */
  validated?: boolean;
  /** The password was changed; `loggedOut`: the other devices were signed out. */
  done?: boolean;
  loggedOut?: boolean;
}

export function newResetState(lang?: string): ResetPageState {
  return { pre: randomBytes(16).toString('base64url'), clientSecret: `fr${randomBytes(24).toString('base64url')}`, sendAttempt: 0, lang };
}

export class ResetCookies {
  constructor(
    private readonly box: SecretBox,
    private readonly hasher: KeyedHash,
    private readonly path: string,
    private readonly maxAgeSeconds: number,
  ) {}

  read(c: Context): ResetPageState | undefined {
    const sealed = getCookie(c, RESET_COOKIE);
    if (!sealed || sealed.length > 3000) return undefined;
    try {
      const state = JSON.parse(this.box.open(sealed, SEAL_CONTEXT)) as ResetPageState;
      return typeof state.pre === 'string' && typeof state.clientSecret === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  write(c: Context, state: ResetPageState): void {
    setCookie(c, RESET_COOKIE, this.box.seal(JSON.stringify(state), SEAL_CONTEXT), {
      path: this.path,
      httpOnly: true,
      // Not over plain http on this machine (npm start), where a Secure cookie would never come back.
      secure: new URL(c.req.url).protocol === 'https:',
      sameSite: 'Lax',
      maxAge: this.maxAgeSeconds,
    });
  }

  csrfOf(state: ResetPageState): string {
    return this.hasher.hash(CSRF_PURPOSE, state.pre);
  }

  csrfMatches(state: ResetPageState, submitted: unknown): boolean {
    return typeof submitted === 'string' && submitted.length < 200 && this.hasher.matches(CSRF_PURPOSE, state.pre, submitted);
  }
}
