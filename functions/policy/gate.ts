/**
 * The send gate: a UIA session that passes a captcha or registration-token stage gets one budget of
 * requestToken calls, once in its life (passing again, or passing the other gate stage, adds nothing).
 * The budget is spent by naming the session in requestToken or, for stock clients that cannot, from the
 * network the stage was passed from: one budget either way. A budget paid for by a registration token
 * is spendable only while the token still holds the session's reservation (not deleted, not expired).
 * No pass, no email and no SMS.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { forbidden } from '../matrix/errors.js';
import type { GatePassStore, SendGate } from '../ports/index.js';
import type { GateConfig } from './gating-config.js';
import { ipNetwork } from './ip-ranges.js';
import { SESSION_ID } from '../matrix/identifiers.js';

/** Whether the registration token `tokenId` still holds a live reservation for `sessionId`. */
export type TokenHoldCheck = (tokenId: string, sessionId: string, now: number) => Promise<boolean>;

/** The grammar of a session id a client may name; anything else is never used as a key. */

export class GatePasses implements SendGate {
  constructor(
    private readonly store: GatePassStore,
    private readonly config: GateConfig,
    private readonly hasher: KeyedHash,
    private readonly ipv6PrefixLength: number,
    private readonly tokenHolds: TokenHoldCheck,
  ) {}

  private networkKey(clientIp: string): string {
    return this.hasher.hash('gate-ip', ipNetwork(clientIp, this.ipv6PrefixLength));
  }

  /** Called by a gating stage when it passes; only a session's first pass grants anything. */
  async grant(session: { id: string; expiresAt: number }, clientIp: string, now: number, tokenId?: string): Promise<void> {
    const expiresAt = now + this.config.passLifetimeSeconds * 1000;
    await this.store.grant({
      sessionId: session.id,
      networkKey: this.networkKey(clientIp),
      sends: this.config.sendsPerPass,
      expiresAt,
      keepUntil: Math.max(expiresAt, session.expiresAt),
      tokenId,
    });
  }

  /** Spends one send from the named session's pass, or else from the pass last granted to the client's network. */
  async spend(gateSession: string | undefined, clientIp: string, now: number): Promise<void> {
    const sessionId =
      gateSession === undefined
        ? await this.store.sessionOf(this.networkKey(clientIp), now)
        : SESSION_ID.test(gateSession)
          ? gateSession
          : undefined;
    const pass = sessionId === undefined ? undefined : await this.store.consume(sessionId, now);
    const paid = pass !== undefined && (pass.tokenId === undefined || (await this.tokenHolds(pass.tokenId, sessionId!, now)));
    if (!paid) throw forbidden('Complete the captcha or registration token step of your sign-up before asking for a verification code');
  }
}
