/** The homeserver's client API calls that give a new account its device: login, logout, device name. */
import { HomeserverError, type AccountSession, type NewAccount } from '../../ports/index.js';
import { refusal, type HomeserverHttp } from './http-client.js';

export async function passwordLogin(http: HomeserverHttp, account: NewAccount): Promise<AccountSession | 'wrong-password'> {
  const { device } = account;
  const reply = await http.request('POST', '/_matrix/client/v3/login', {
    body: {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: account.localpart },
      password: account.password,
      ...(device.deviceId ? { device_id: device.deviceId } : {}),
      ...(device.initialDeviceDisplayName ? { initial_device_display_name: device.initialDeviceDisplayName } : {}),
      ...(device.refreshToken ? { refresh_token: true } : {}),
    },
  });
  if (reply.status === 403 && reply.body.errcode === 'M_FORBIDDEN') return 'wrong-password';
  if (reply.status !== 200) throw refusal(reply, 'password login');
  return accountSessionOf(reply.body);
}

export async function logOut(http: HomeserverHttp, accessToken: string): Promise<void> {
  const reply = await http.request('POST', '/_matrix/client/v3/logout', { body: {}, token: accessToken });
  if (reply.status !== 200) throw refusal(reply, 'logout');
}

export async function renameDevice(http: HomeserverHttp, accessToken: string, deviceId: string, displayName: string): Promise<void> {
  const path = `/_matrix/client/v3/devices/${encodeURIComponent(deviceId)}`;
  const reply = await http.request('PUT', path, { body: { display_name: displayName }, token: accessToken });
  if (reply.status !== 200) throw refusal(reply, 'device rename');
}

/** Reads a homeserver's login or register answer into the shape the client gets back. */
export function accountSessionOf(body: Record<string, unknown>): AccountSession {
  if (typeof body.user_id !== 'string') throw new HomeserverError('misconfigured', 'homeserver answer without user_id');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    userId: body.user_id,
    homeServer: str(body.home_server) ?? body.user_id.slice(body.user_id.indexOf(':') + 1),
    accessToken: str(body.access_token),
    deviceId: str(body.device_id),
    refreshToken: str(body.refresh_token),
    expiresInMs: typeof body.expires_in_ms === 'number' ? body.expires_in_ms : undefined,
  };
}

/** The account's devices, as its own access token sees them. */
export async function listDeviceIds(http: HomeserverHttp, accessToken: string): Promise<string[]> {
  const reply = await http.request('GET', '/_matrix/client/v3/devices', { token: accessToken });
  if (reply.status !== 200 || !Array.isArray(reply.body.devices)) throw refusal(reply, 'device list');
  return (reply.body.devices as unknown[]).flatMap((d) => {
    const id = (d as { device_id?: unknown } | null)?.device_id;
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * Deletes devices (and their tokens) through the client API: it needs only the account's token and
 * password, so it works in every mode, with or without an admin token. The password is the UIA stage.
 */
export async function deleteDevices(http: HomeserverHttp, account: NewAccount, accessToken: string, deviceIds: string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: account.localpart }, password: account.password };
  const reply = await http.request('POST', '/_matrix/client/v3/delete_devices', { body: { devices: deviceIds, auth }, token: accessToken });
  if (reply.status !== 200) throw refusal(reply, 'device removal');
}
