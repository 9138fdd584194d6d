/** Password strength rules beyond length, each failure told plainly so a person knows what to change. */
import type { SignupPolicyConfig } from './gating-config.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

const CLASSES = [
  { name: 'a lowercase letter', test: (p: string) => /\p{Ll}/u.test(p) },
  { name: 'an uppercase letter', test: (p: string) => /\p{Lu}/u.test(p) },
  { name: 'a digit', test: (p: string) => /\p{Nd}/u.test(p) },
  { name: 'a symbol', test: (p: string) => /[^\p{L}\p{Nd}]/u.test(p) },
] as const;

/** Returns the first rule the password breaks, as a message for the client, or undefined. */
export function passwordRules(config: SignupPolicyConfig['password']): (password: string, localpart?: string) => string | undefined {
  const required = [config.requireLowercase, config.requireUppercase, config.requireDigit, config.requireSymbol];
  return (password, localpart) => {
    for (const [i, cls] of CLASSES.entries()) {
      if (required[i] && !cls.test(password)) return `Password must contain ${cls.name}`;
    }
    const classes = CLASSES.filter((cls) => cls.test(password)).length;
    if (classes < config.minCharacterClasses) {
      return `Password must mix at least ${config.minCharacterClasses} of: lowercase letters, uppercase letters, digits, symbols`;
    }
    const folded = password.toLowerCase();
    if (config.rejectCommon && COMMON_PASSWORDS.has(folded)) return 'This password is too common; choose a less predictable one';
    if (config.rejectUsername && localpart && localpart.length >= 3 && folded.includes(localpart))
      return 'Password must not contain the username';
    return undefined;
  };
}
