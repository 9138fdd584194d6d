/** What a password reset's requestToken asks of an address: an account must use it (or, enumeration-safe, a notice goes out). */
import { threepidNotFound } from '../matrix/errors.js';
import { Medium } from '../model/medium.js';
import { ValidationPurpose } from '../model/validation-session.js';
import type { ValidationScope } from './request-token.js';

export function resetScope(enumerationSafe: boolean): ValidationScope {
  return {
    purpose: ValidationPurpose.Reset,
    ownerDecides(owner, threepid) {
      if (owner) return 'token';
      // Enumeration-safe: the same sid, writes and answer as for an address with an account; the mail or
      // SMS says that no account uses the address, and carries no code.
      if (enumerationSafe) return 'notice';
      throw threepidNotFound(threepid.medium === Medium.Email ? 'Email' : 'Phone number');
    },
  };
}
