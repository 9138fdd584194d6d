/**
 * Who may register: the username checks the spec requires before any stage (grammar, reserved names,
 * the homeserver's answer) and the tenant's password policy.
 */
import type { TenantConfig } from '../config/tenant-config.js';
import { ErrCode } from '../matrix/errcodes.js';
import { invalidParam, MatrixError, temporarilyUnavailable } from '../matrix/matrix-error.js';
import { describeLocalpartProblem, localpartProblem, normaliseLocalpart } from '../matrix/user-id.js';
import { HomeserverError, type Homeserver } from '../ports/index.js';
import { passwordRules } from '../policy/password-rules.js';
import { usernamePolicy } from '../policy/username-policy.js';

export const userInUse = () => new MatrixError(400, ErrCode.UserInUse, 'User ID already taken.');
const invalidUsername = (message: string) => new MatrixError(400, ErrCode.InvalidUsername, message);
const weakPassword = (message: string) => new MatrixError(400, ErrCode.WeakPassword, message);
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class IdentityPolicy {
  private readonly reserved: Set<string>;
  private readonly tenantNameProblem: (localpart: string) => string | undefined;
  private readonly passwordProblem: (password: string, localpart?: string) => string | undefined;

  constructor(
    private readonly config: TenantConfig,
    private readonly homeserver: Homeserver,
  ) {
    this.reserved = new Set(config.username.reserved.map(normaliseLocalpart));
    this.tenantNameProblem = config.signup ? usernamePolicy(config.signup.username) : () => undefined;
    this.passwordProblem = config.signup ? passwordRules(config.signup.password) : () => undefined;
  }

  /** Normalises a requested username and checks it against the grammar and the reserved names. */
  localpart(username: string): string {
    const localpart = normaliseLocalpart(username);
    const problem = localpartProblem(localpart, this.config.serverName);
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
    const { minLength, maxLength } = this.config.password;
    // The homeserver refuses NUL (and a lone surrogate cannot be hashed): a session must never hold a
    // password that no homeserver call can ever accept. Other control characters are refused with them.
    if (LONE_SURROGATE.test(password) || CONTROL_CHARACTERS.test(password))
      throw weakPassword('Password must not contain control characters');
    const length = [...password].length;
    if (length < minLength) throw weakPassword(`Password must be at least ${minLength} characters long`);
    if (length > maxLength) throw weakPassword(`Password must be at most ${maxLength} characters long`);
    const problem = this.passwordProblem(password, localpart);
    if (problem) throw weakPassword(problem);
  }
}

/** A homeserver failure, as the client sees it: retryable when the homeserver is down or slow. */
export function rethrowForClient(error: unknown): never {
  if (!(error instanceof HomeserverError)) throw error;
  switch (error.kind) {
    case 'unavailable':
      throw temporarilyUnavailable('The homeserver is not answering; try again shortly');
    case 'rate-limited': {
      const seconds = Math.min(60, Math.max(1, Math.ceil((error.retryAfterMs ?? 2000) / 1000)));
      throw new MatrixError(
        429,
        ErrCode.LimitExceeded,
        'The homeserver is busy; try again shortly',
        { retry_after_ms: seconds * 1000 },
        { 'Retry-After': String(seconds) },
      );
    }
    case 'exclusive':
      throw new MatrixError(400, ErrCode.Exclusive, error.message);
    case 'refused':
      throw invalidParam(error.message);
    case 'user-in-use':
      throw userInUse();
    case 'invalid-username':
      throw invalidUsername(error.message);
    case 'misconfigured':
      throw error;
  }
}
