/** Who may register, as values for the engine: the config's sections, and the tenant's rules from policy/. */
import type { TenantConfig } from '../config/tenant-config.js';
import { passwordRules } from '../policy/password-rules.js';
import { usernamePolicy } from '../policy/username-policy.js';
import type { IdentitySettings } from '../uia/identity.js';

export function identitySettings(config: TenantConfig): IdentitySettings {
  return {
    serverName: config.serverName,
    reserved: config.username.reserved,
    password: config.password,
    usernameProblem: config.signup ? usernamePolicy(config.signup.username) : undefined,
    passwordProblem: config.signup ? passwordRules(config.signup.password) : undefined,
  };
}
