/**
 * Creates the account on the homeserver for a session whose flow is done. It re-checks the addresses
 * first, because time has passed since they were verified; the homeserver adapter refuses a taken name
 * and adopts an account that an interrupted earlier attempt of the same session made.
 */
import { userIdOf } from '../matrix/user-id.js';
import { threepidInUse } from '../matrix/errors.js';
import { rethrowForClient } from '../matrix/port-failures.js';
import type { AccountSession, AddressClaims, Clock, Homeserver, NewAccount, SecretBox } from '../ports/index.js';
import { assertStillUsable, verifiedCountries, verifiedThreepids } from '../threepid/recheck.js';
import type { ThreepidConfig } from '../threepid/threepid-config.js';
import { accountDisplayName, type DeviceRequest, type RegistrationSession } from '../model/session.js';

export const passwordContext = (sessionId: string) => `password:${sessionId}`;

export class AccountCreator {
  constructor(
    private readonly homeserver: Homeserver,
    private readonly box: SecretBox,
    private readonly serverName: string,
    private readonly threepidConfig?: ThreepidConfig,
    /** Needed when sessions verify addresses: two sessions must not bind one address. */
    private readonly claims?: { store: AddressClaims; clock: Clock },
  ) {}

  /** `addresses`: the claim of the session's addresses, when the caller started it already (see claimAddresses). */
  async create(session: RegistrationSession, device: DeviceRequest, now: number, addresses?: Promise<void>): Promise<AccountSession> {
    const account: NewAccount = {
      localpart: session.username!,
      password: this.box.open(session.sealedPassword!, passwordContext(session.id)),
      device,
      threepids: verifiedThreepids(session),
      ...(accountDisplayName(session) ? { displayName: accountDisplayName(session) } : {}),
    };
    const ownUserId = userIdOf(account.localpart, this.serverName);
    await assertStillUsable(account.threepids, this.threepidConfig, this.homeserver, ownUserId, verifiedCountries(session));
    await (addresses ?? this.claimAddresses(session));
    // attempts counts every claim of this session, this one included: after the first, an earlier
    // attempt whose answer was lost may have made the account, and the homeserver adapter adopts it.
    const attempt = { mayExist: (session.creation?.attempts ?? 1) > 1, sessionAgeMs: Math.max(0, now - session.createdAt) };
    return this.homeserver.createAccount(account, attempt).catch(rethrowForClient);
  }

  /** Started beside the write that claims a creation: the homeserver's first step of it (prepareCreation). */
  prepare(): void {
    this.homeserver.prepareCreation?.();
  }

  /**
   * Held until the session ends, so a retry of this session keeps its addresses and no other can take them.
   * Callers may start it beside the write that claims the creation (one round trip instead of two).
   */
  async claimAddresses(session: RegistrationSession): Promise<void> {
    const threepids = verifiedThreepids(session);
    if (threepids.length === 0) return;
    if (!this.claims) throw new Error('AccountCreator: address claims are required to bind verified addresses');
    const claimed = await this.claims.store.claim(session.id, threepids, session.expiresAt, this.claims.clock.now());
    if (claimed === 'taken') throw threepidInUse('This address is being used by another sign-up');
  }
}

/** The body of the 200 answer, in the shape a homeserver's own `/register` gives. */
export function registerResponse(account: AccountSession): Record<string, unknown> {
  return {
    user_id: account.userId,
    home_server: account.homeServer,
    ...(account.accessToken ? { access_token: account.accessToken } : {}),
    ...(account.deviceId ? { device_id: account.deviceId } : {}),
    ...(account.refreshToken ? { refresh_token: account.refreshToken } : {}),
    ...(account.expiresInMs !== undefined ? { expires_in_ms: account.expiresInMs } : {}),
  };
}
