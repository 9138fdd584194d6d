/** The tenant's own username rules, on top of the grammar: length bounds and deny patterns. */
import type { SignupPolicyConfig, UsernameDenyRule } from './gating-config.js';

type Matcher = (localpart: string) => boolean;

function matcher(rule: UsernameDenyRule): Matcher {
  const pattern = rule.match === 'regex' ? rule.pattern : rule.pattern.toLowerCase();
  switch (rule.match) {
    case 'literal':
      return (name) => name === pattern;
    case 'substring':
      return (name) => name.includes(pattern);
    case 'prefix':
      return (name) => name.startsWith(pattern);
    case 'regex': {
      const regex = new RegExp(pattern, 'iu');
      return (name) => regex.test(name);
    }
  }
}

/** Returns why a normalised localpart is refused, or undefined; the message never names the rule that matched. */
export function usernamePolicy(config: SignupPolicyConfig['username']): (localpart: string) => string | undefined {
  const denied = config.deny.map(matcher);
  return (localpart) => {
    const length = [...localpart].length;
    if (length < config.minLength) return `Username must be at least ${config.minLength} characters long`;
    if (length > config.maxLength) return `Username must be at most ${config.maxLength} characters long`;
    if (denied.some((isDenied) => isDenied(localpart))) return 'This username is not allowed on this server';
    return undefined;
  };
}
