/** The ports the gating stages use; absent when a config is only being checked. */
import type { CaptchaVerifier } from '../../ports/index.js';
import type { GatePasses } from '../../policy/gate.js';
import type { RegistrationTokens } from '../../policy/registration-tokens.js';

export interface GatingStageDeps {
  tokens?: RegistrationTokens;
  captcha?: CaptchaVerifier;
  /** Present when the tenant gates requestToken on these stages. */
  gate?: GatePasses;
}

export function wired<T>(port: T | undefined, name: string): T {
  if (!port) throw new Error(`${name} is not wired: stages built only to validate a config cannot run`);
  return port;
}
