/**
 * The send gate: a client that passed a captcha or registration-token stage gets a small budget of
 * requestToken calls, bound to its UIA session (when requestToken names it) and to its IP (for stock
 * clients, which cannot name it). No pass, no email and no SMS.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { forbidden } from '../matrix/matrix-error.js';
import type { GatePassStore } from '../ports.js';
import type { GateConfig } from './gating-config.js';

export class GatePasses {
  constructor(
    private readonly store: GatePassStore,
    private readonly config: GateConfig,
    private readonly hasher: KeyedHash,
  ) {}

  private ipKey(clientIp: string): string {
    return `ip:${this.hasher.hash('gate-ip', clientIp)}`;
  }

  /** Called by a gating stage when it passes. */
  async grant(sessionId: string, clientIp: string, now: number): Promise<void> {
    const until = now + this.config.passLifetimeSeconds * 1000;
    await Promise.all([
      this.store.grant(`session:${sessionId}`, this.config.sendsPerPass, until),
      this.store.grant(this.ipKey(clientIp), this.config.sendsPerPass, until),
    ]);
  }

  /** Spends one send from the named session's pass, or else from the client IP's; refuses without one. */
  async spend(gateSession: string | undefined, clientIp: string, now: number): Promise<void> {
    const key = gateSession ? `session:${gateSession}` : this.ipKey(clientIp);
    if (!(await this.store.consume(key, now))) {
      throw forbidden('Complete the captcha or registration token step of your sign-up before asking for a verification code');
    }
  }
}
