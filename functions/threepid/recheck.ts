/** The last look at each verified address before the account is made: still allowed, still nobody else's. */
import { threepidDenied, threepidInUse } from '../matrix/errors.js';
import { rethrowForClient } from '../matrix/port-failures.js';
import type { Homeserver } from '../ports/index.js';
import { LoginType } from '../matrix/login-types.js';
import type { RegistrationSession } from '../model/session.js';
import { emailAllowed } from './address.js';
import { verifiedPhoneAllowed } from './phone-country.js';
import { Medium, type Threepid } from '../model/medium.js';
import type { ThreepidConfig } from './threepid-config.js';

/** The addresses the session's 3PID stages validated, to bind to the new account. */
export function verifiedThreepids(session: RegistrationSession): Threepid[] {
  // In the order the session holds its records, which is the order they are bound in.
  return (Object.keys(session.stages) as LoginType[]).flatMap((type) => {
    const record = type === LoginType.EmailIdentity || type === LoginType.Msisdn ? session.stages[type] : undefined;
    return record ? [{ medium: record.medium, address: record.address }] : [];
  });
}

/** The phone numbers' countries as found when they were parsed (by number), for the re-check; older records have none. */
export function verifiedCountries(session: RegistrationSession): Record<string, string> {
  const record = session.stages[LoginType.Msisdn];
  return record?.country ? { [record.address]: record.country } : {};
}

/**
 * `ownUserId`: an earlier, interrupted attempt of this same session may already have bound the address.
 * `countries`: each phone number's country stored with its validation (phone-country.ts judges one without).
 */
export async function assertStillUsable(
  threepids: Threepid[],
  config: ThreepidConfig | undefined,
  homeserver: Pick<Homeserver, 'findUserByThreepid'>,
  ownUserId: string,
  countries: Readonly<Record<string, string>> = {},
): Promise<void> {
  for (const threepid of threepids) {
    const allowed =
      threepid.medium === Medium.Email
        ? config?.email !== undefined && emailAllowed(threepid.address, config.email)
        : config?.msisdn !== undefined && verifiedPhoneAllowed(threepid.address, countries[threepid.address], config.msisdn);
    if (!allowed) throw threepidDenied('This address is no longer allowed to register on this server');
    const owner = await homeserver.findUserByThreepid(threepid).catch(rethrowForClient);
    if (owner && owner !== ownUserId) throw threepidInUse('This address is already in use');
  }
}
