/** The last look at each verified address before the account is made: still allowed, still nobody else's. */
import { ErrCode } from '../matrix/errcodes.js';
import { MatrixError } from '../matrix/matrix-error.js';
import type { Homeserver } from '../ports/index.js';
import { rethrowForClient } from '../uia/identity.js';
import type { RegistrationSession } from '../model/session.js';
import { emailAllowed, parsePhone, phoneAllowed } from './address.js';
import { Medium, type Threepid } from '../model/medium.js';
import type { ThreepidConfig } from './threepid-config.js';

/** The addresses the session's 3PID stages validated, to bind to the new account. */
export function verifiedThreepids(session: RegistrationSession): Threepid[] {
  return Object.values(session.stages)
    .filter((record): record is NonNullable<typeof record> => Boolean(record?.medium && record?.address))
    .map((record) => ({ medium: record.medium as Medium, address: String(record.address) }));
}

/** `ownUserId`: an earlier, interrupted attempt of this same session may already have bound the address. */
export async function assertStillUsable(
  threepids: Threepid[],
  config: ThreepidConfig | undefined,
  homeserver: Homeserver,
  ownUserId: string,
): Promise<void> {
  for (const threepid of threepids) {
    const allowed =
      threepid.medium === Medium.Email
        ? config?.email !== undefined && emailAllowed(threepid.address, config.email)
        : config?.msisdn !== undefined && phoneAllowed(parsePhone(`+${threepid.address}`, 'ZZ'), config.msisdn);
    if (!allowed) throw new MatrixError(403, ErrCode.ThreepidDenied, 'This address is no longer allowed to register on this server');
    const owner = await homeserver.findUserByThreepid(threepid).catch(rethrowForClient);
    if (owner && owner !== ownUserId) throw new MatrixError(400, ErrCode.ThreepidInUse, 'This address is already in use');
  }
}
