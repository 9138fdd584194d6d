/** The ports the gating stages use; absent when a config is only being checked. */
import type { CaptchaVerifier, SendGate, TokenReservations } from '../../ports/index.js';

export interface GatingStageDeps {
  tokens?: TokenReservations;
  captcha?: CaptchaVerifier;
  /** Present when the tenant gates requestToken on these stages. */
  gate?: SendGate;
}

export function wired<T>(port: T | undefined, name: string): T {
  if (!port) throw new Error(`${name} is not wired: stages built only to validate a config cannot run`);
  return port;
}
