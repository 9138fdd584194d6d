/**
 * The operator console's state between requests: one cookie, `fd_console`, sealed with the tenant key
 * (the browser can neither read nor change it), HttpOnly, SameSite=Strict, Secure over https. It holds who
 * signed in, when, and when they were last seen (the idle timeout), and for a homeserver admin the access
 * token of the device the sign-in made, so sign-out can log it out. Every form carries a CSRF field: a
 * keyed hash of a random id kept in the cookie, which changes at each sign-in.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { KeyedHash } from '../../crypto/keyed-hash.js';
import type { SecretBox } from '../../ports/index.js';

export const CONSOLE_COOKIE = 'fd_console';
const SEAL_CONTEXT = 'fd_console v1';
const CSRF_PURPOSE = 'console-csrf';

/** Who is signed in: a homeserver admin (by user id) or an operator key (by its name). */
export interface ConsoleOperator {
  kind: 'admin' | 'key';
  /** What the audit log records: the admin's user id, or the operator key's name. */
  name: string;
  /** A homeserver admin's login: logged out on sign-out. */
  accessToken?: string;
  /** Epoch ms of the sign-in (the absolute limit counts from here). */
  since: number;
  /** Epoch ms of the last request (the idle timeout counts from here). */
  seen: number;
}

export interface ConsoleState {
  /** A random id: the CSRF field is its keyed hash. */
  pre: string;
  lang?: string;
  operator?: ConsoleOperator;
}

export const newConsoleState = (lang?: string): ConsoleState => ({ pre: randomBytes(16).toString('base64url'), lang });

export interface ConsoleTimeouts {
  /** Signed out after this long without a request. */
  idleSeconds: number;
  /** Signed out this long after signing in, however busy. */
  maxSeconds: number;
}

export const DEFAULT_CONSOLE_TIMEOUTS: ConsoleTimeouts = { idleSeconds: 15 * 60, maxSeconds: 12 * 3600 };

export class ConsoleCookies {
  constructor(
    private readonly box: SecretBox,
    private readonly hasher: KeyedHash,
    private readonly path: string,
    readonly timeouts: ConsoleTimeouts = DEFAULT_CONSOLE_TIMEOUTS,
  ) {}

  read(c: Context): ConsoleState | undefined {
    const sealed = getCookie(c, CONSOLE_COOKIE);
    if (!sealed || sealed.length > 4000) return undefined;
    try {
      const state = JSON.parse(this.box.open(sealed, SEAL_CONTEXT)) as ConsoleState;
      return typeof state.pre === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** The operator of a state still inside both timeouts at `now`; undefined when signed out or timed out. */
  live(state: ConsoleState | undefined, now: number): ConsoleOperator | undefined {
    const operator = state?.operator;
    if (!operator) return undefined;
    const { idleSeconds, maxSeconds } = this.timeouts;
    if (now - operator.seen > idleSeconds * 1000 || now - operator.since > maxSeconds * 1000) return undefined;
    return operator;
  }

  write(c: Context, state: ConsoleState): void {
    setCookie(c, CONSOLE_COOKIE, this.box.seal(JSON.stringify(state), SEAL_CONTEXT), {
      path: this.path,
      httpOnly: true,
      // Not over plain http on this machine (npm start), where a Secure cookie would never come back.
      secure: new URL(c.req.url).protocol === 'https:',
      sameSite: 'Strict',
      // The browser keeps it no longer than a session could live; the idle timeout is checked inside.
      maxAge: this.timeouts.maxSeconds,
    });
  }

  clear(c: Context): void {
    deleteCookie(c, CONSOLE_COOKIE, { path: this.path, secure: new URL(c.req.url).protocol === 'https:' });
  }

  csrfOf(state: ConsoleState): string {
    return this.hasher.hash(CSRF_PURPOSE, state.pre);
  }

  csrfMatches(state: ConsoleState, submitted: unknown): boolean {
    return typeof submitted === 'string' && submitted.length < 200 && this.hasher.matches(CSRF_PURPOSE, state.pre, submitted);
  }
}
