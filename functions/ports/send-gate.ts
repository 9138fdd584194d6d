/** The send gate as the gating stages see it (policy/gate.ts implements it): a passed stage buys sends. */
export interface SendGate {
  /**
   * Called by a captcha or registration-token stage when it passes; only a session's first pass grants
   * anything. `tokenId`: the token whose reservation pays, which must still hold when a send is spent.
   */
  grant(session: { id: string; expiresAt: number }, clientIp: string, now: number, tokenId?: string): Promise<void>;
}
