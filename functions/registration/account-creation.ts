/**
 * Creates the account on the homeserver for a session whose flow is done. It re-checks the name first,
 * because time has passed since the first call, and recognises an account that an interrupted earlier
 * attempt of the same session already made (the session's password logs in to it).
 */
import { userIdOf } from '../matrix/user-id.js';
import { HomeserverError, type AccountSession, type Homeserver, type NewAccount, type SecretBox } from '../ports.js';
import { assertStillUsable, verifiedThreepids } from '../threepid/recheck.js';
import type { ThreepidConfig } from '../threepid/threepid-config.js';
import type { DeviceRequest, RegistrationSession } from '../uia/session.js';
import { rethrowForClient, userInUse } from './identity.js';

export const passwordContext = (sessionId: string) => `password:${sessionId}`;

export class AccountCreator {
  constructor(
    private readonly homeserver: Homeserver,
    private readonly box: SecretBox,
    private readonly serverName: string,
    private readonly threepidConfig?: ThreepidConfig,
  ) {}

  async create(session: RegistrationSession, device: DeviceRequest): Promise<AccountSession> {
    const account: NewAccount = {
      localpart: session.username!,
      password: this.box.open(session.sealedPassword!, passwordContext(session.id)),
      device,
      threepids: verifiedThreepids(session),
    };
    await assertStillUsable(account.threepids, this.threepidConfig, this.homeserver, userIdOf(account.localpart, this.serverName));
    // attempts counts every claim of this session, this one included.
    const mayExist = (session.creation?.attempts ?? 1) > 1;
    try {
      const availability = await this.homeserver.checkUsername(account.localpart);
      if (availability === 'in-use') return await this.adoptOrRefuse(account, mayExist);
      if (availability === 'invalid') throw new HomeserverError('invalid-username', 'The homeserver refuses this username');
      return await this.homeserver.createAccount(account);
    } catch (error) {
      if (error instanceof HomeserverError && error.kind === 'user-in-use') return this.adoptOrRefuse(account, mayExist);
      return rethrowForClient(error);
    }
  }

  private async adoptOrRefuse(account: NewAccount, mayExist: boolean): Promise<AccountSession> {
    if (!mayExist) throw userInUse();
    const login = await this.homeserver.logIn(account).catch(rethrowForClient);
    if (login === 'wrong-password') throw userInUse();
    return account.device.inhibitLogin ? { userId: login.userId, homeServer: login.homeServer } : login;
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
