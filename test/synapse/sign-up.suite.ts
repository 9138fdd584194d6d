/** Sign-ups on a real Synapse: terms + dummy, and every device request a client can make. */
import { describe, expect, it } from 'vitest';
import type { Mode } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { signUp, startFrontDoor, type Plan } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';
import { useHarness } from '../support/use-harness.js';

type DeviceRequest = NonNullable<Plan['device']>;

/** Every combination of the four device fields of a `/register` body (16). */
export const DEVICE_REQUESTS: DeviceRequest[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((bits) => ({
  ...(bits & 1 ? { device_id: `DEV${bits}ID` } : {}),
  ...(bits & 2 ? { initial_device_display_name: `Phone ${bits}` } : {}),
  ...(bits & 4 ? { inhibit_login: true } : {}),
  ...(bits & 8 ? { refresh_token: true } : {}),
}));

const describeDevice = (d: DeviceRequest) =>
  Object.keys(d).length === 0
    ? 'no device fields'
    : Object.entries(d)
        .map(([k, v]) => (v === true ? k : `${k} ${v}`))
        .join(', ');

/** The account exists on Synapse, and its devices are exactly the one the client was handed (none with inhibit_login). */
export async function expectHandedOut(
  api: SynapseApi,
  username: string,
  done: { status: number; body: any },
  device: DeviceRequest = {},
): Promise<void> {
  const userId = api.userId(username);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body.user_id).toBe(userId);
  expect(await api.user(userId)).toMatchObject({ name: userId, deactivated: 0 });
  const devices = await api.devices(userId);
  if (device.inhibit_login) {
    expect(done.body.access_token).toBeUndefined();
    expect(done.body.device_id).toBeUndefined();
    expect(devices, 'inhibit_login: no device on Synapse').toEqual([]);
    return;
  }
  expect(
    devices.map((d) => d.device_id),
    'the devices on Synapse are the one handed out',
  ).toEqual([done.body.device_id]);
  const whoami = await api.whoami(done.body.access_token);
  expect(whoami).toMatchObject({ status: 200, body: { user_id: userId, device_id: done.body.device_id } });
  expect((await api.ownDevices(done.body.access_token)).map((d) => d.device_id)).toEqual([done.body.device_id]);
  if (device.device_id) expect(done.body.device_id).toBe(device.device_id);
  if (device.initial_device_display_name) expect(devices[0]!.display_name).toBe(device.initial_device_display_name);
  expect(Boolean(done.body.refresh_token), 'a refresh token exactly when asked').toBe(Boolean(device.refresh_token));
}

export function signUpSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`sign-up on Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    const h = useHarness(() => startFrontDoor(synapse, mode));

    it('terms then dummy makes the account on Synapse, and the token it returns works', async () => {
      const username = freshName('td');
      const { done, retried } = await signUp(h, { username });
      expect(retried).toEqual([]);
      await expectHandedOut(api, username, done);
    });

    it.each(DEVICE_REQUESTS.map((d) => [describeDevice(d), d] as const))(
      '%s: the device on Synapse is what was asked',
      async (_name, device) => {
        const username = freshName('dv');
        const { done } = await signUp(h, { username, device });
        await expectHandedOut(api, username, done, device);
      },
    );

    it('a name already taken on Synapse is refused at the first call, and the account is left as it was', async () => {
      const taken = freshName('tk');
      const userId = await api.createElsewhere(taken);
      const { done } = await signUp(h, { username: taken });
      expect(done).toMatchObject({ status: 400, body: { errcode: 'M_USER_IN_USE' } });
      expect(await api.devices(userId)).toEqual([]);
    });
  });
}
