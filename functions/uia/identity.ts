/**
 * Who may register: the username checks the spec requires before any stage (grammar, reserved names,
 * the homeserver's answer) and the tenant's password policy.
 */
import { invalidUsername, userInUse, weakPassword } from '../matrix/errors.js';
import { rethrowForClient } from '../matrix/port-failures.js';
import { describeLocalpartProblem, localpartProblem, normaliseLocalpart } from '../matrix/user-id.js';
import type { Homeserver } from '../ports/index.js';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a name or a password is refused, as a message for the client; undefined when it is not. */
export type UsernameProblem = (localpart: string) => string | undefined;
export type PasswordProblem = (password: string, localpart?: string) => string | undefined;

/** The tenant's settings, as values: compose/ takes them from the config (the rules from policy/). */
export interface IdentitySettings {
  serverName: string;
  /** Localparts nobody may register, beyond the grammar's own. */
  reserved: string[];
  password: { minLength: number; maxLength: number };
  /** The tenant's own username rules (length, deny patterns), when it has any. */
  usernameProblem?: UsernameProblem;
  /** The tenant's password strength rules beyond length, when it has any. */
  passwordProblem?: PasswordProblem;
}

export class IdentityPolicy {
  private readonly reserved: Set<string>;
  private readonly tenantNameProblem: UsernameProblem;
  private readonly passwordRefusal: PasswordProblem;

  constructor(
    private readonly settings: IdentitySettings,
    private readonly homeserver: Homeserver,
  ) {
    this.reserved = new Set(settings.reserved.map(normaliseLocalpart));
    this.tenantNameProblem = settings.usernameProblem ?? (() => undefined);
    this.passwordRefusal = passwordRefusal(settings);
  }

  /** Normalises a requested username and checks it against the grammar and the reserved names. */
  localpart(username: string): string {
    const localpart = normaliseLocalpart(username);
    const problem = localpartProblem(localpart, this.settings.serverName);
    if (problem) throw invalidUsername(describeLocalpartProblem(problem));
    if (this.reserved.has(localpart)) throw invalidUsername('This username is reserved');
    const tenantProblem = this.tenantNameProblem(localpart);
    if (tenantProblem) throw invalidUsername(tenantProblem);
    return localpart;
  }

  /** Asks the homeserver; a name taken there (or refused by it) ends the request with its error. */
  async assertFreeOnHomeserver(localpart: string): Promise<void> {
    // A name the homeserver refuses comes back with the homeserver's own reason (its grammar may be narrower).
    const answer = await this.homeserver.checkUsername(localpart).catch(rethrowForClient);
    if (answer === 'in-use') throw userInUse();
  }

  /** `localpart`, when known, lets the policy refuse a password that contains the username. */
  checkPassword(password: string, localpart?: string): void {
    const problem = this.passwordRefusal(password, localpart);
    if (problem) throw weakPassword(problem);
  }
}

/** Why the tenant refuses a password (length, characters, its rules), or undefined: for the engine and the strength meter alike. */
export function passwordRefusal(settings: Pick<IdentitySettings, 'password' | 'passwordProblem'>): PasswordProblem {
  const { minLength, maxLength } = settings.password;
  return (password, localpart) => {
    // The homeserver refuses NUL (and a lone surrogate cannot be hashed): a session must never hold a
    // password that no homeserver call can ever accept. Other control characters are refused with them.
    if (LONE_SURROGATE.test(password) || CONTROL_CHARACTERS.test(password)) return 'Password must not contain control characters';
    const length = [...password].length;
    if (length < minLength) return `Password must be at least ${minLength} characters long`;
    if (length > maxLength) return `Password must be at most ${maxLength} characters long`;
    return settings.passwordProblem?.(password, localpart);
  };
}
