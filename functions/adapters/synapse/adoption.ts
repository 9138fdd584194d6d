/**
 * Taking over an account that an interrupted attempt of the same session made. The session's password
 * proves it is ours. Devices that earlier attempts opened were never handed to anyone (the client saw
 * only failures), and a device the client named may still hold a token from a lost answer, so every
 * device goes; then the client's own login is made, and the account ends as one clean attempt leaves it.
 */
import { HomeserverError, type AccountSession, type NewAccount } from '../../ports/index.js';
import { deleteDevices, listDeviceIds, passwordLogin } from './client-api.js';
import type { HomeserverHttp } from './http-client.js';

/** 'not-ours' when the session's password does not open the account. */
export async function adoptAccount(
  http: HomeserverHttp,
  account: NewAccount,
  bind: (userId: string) => Promise<void>,
): Promise<AccountSession | 'not-ours'> {
  // A plain login (no device asked for) only to get a token that can see and remove the devices.
  const probe = await passwordLogin(http, { ...account, device: { inhibitLogin: false, refreshToken: false } });
  if (probe === 'wrong-password') return 'not-ours';
  if (!probe.accessToken) throw new HomeserverError('misconfigured', 'login gave no access token');
  // Bound before anything is removed: a failure here leaves the session to retry, and the retry adopts again.
  await bind(probe.userId);
  // The probe's own device is among them: its token ends with the rest.
  await deleteDevices(http, account, probe.accessToken, await listDeviceIds(http, probe.accessToken));
  if (account.device.inhibitLogin) return { userId: probe.userId, homeServer: probe.homeServer };
  const login = await passwordLogin(http, account);
  if (login === 'wrong-password') throw new HomeserverError('misconfigured', 'login refused right after it succeeded');
  return login;
}
