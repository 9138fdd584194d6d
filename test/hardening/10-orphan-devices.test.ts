/**
 * Hardening 10: when an answer from the homeserver is lost and the client retries, the account is made
 * once AND it ends with exactly the devices the client was handed: none left that nobody was given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness, type Mode } from '../support/harness.js';

/** The homeserver calls of a sign-up, per mode, whose answers get lost. */
const CALLS: Record<Mode, string[]> = {
  shared_secret: ['POST /_synapse/admin/v1/register', 'POST /_matrix/client/v3/login', 'PUT /_matrix/client/v3/devices'],
  admin_api: ['PUT /_synapse/admin/v2/users', 'POST /_matrix/client/v3/login'],
};

const DEVICE_REQUESTS: Record<string, Record<string, unknown>> = {
  plain: {},
  named: { initial_device_display_name: 'Phone' },
  'own id': { device_id: 'MYDEVICE' },
  'refresh token': { refresh_token: true },
  'no login': { inhibit_login: true },
};

describe.each<Mode>(['shared_secret', 'admin_api'])('hardening 10: no orphan devices after lost answers (%s)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode, homeserverTimeoutMs: 1000 });
  });
  afterAll(() => h.close());

  const cases = CALLS[mode].flatMap((route) =>
    Object.keys(DEVICE_REQUESTS).flatMap((request) => [1, 2].map((nth) => ({ route, request, nth }))),
  );
  it.each(cases)(
    'the answer to call $nth of $route is lost ($request): one account, only the device handed out',
    async ({ route, request, nth }) => {
      const username = `orphan${Math.random().toString(36).slice(2, 10)}`;
      const device = DEVICE_REQUESTS[request]!;
      const first = await h.post(REGISTER, { username, password: 'correct horse battery', ...device });
      const session = first.body.session;
      await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
      h.homeserver.reset();
      // The nth call on that route does its work, then the connection drops before the answer.
      if (nth === 2) h.homeserver.injectFault({ route, kind: 'slow', delayMs: 0 });
      h.homeserver.injectFault({ route, kind: 'commit-then-reset' });
      let answer = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
      for (let retry = 0; answer.status !== 200 && retry < 4; retry++) answer = await h.post(REGISTER, { auth: { session } });
      expect(answer.status).toBe(200);
      const accounts = h.homeserver.listUsers().filter((u) => u.name === `@${username}:localhost`);
      expect(accounts).toHaveLength(1);
      const handedOut = answer.body.device_id as string | undefined;
      const devices = accounts[0]!.devices.map((d) => d.device_id);
      expect(devices).toEqual(handedOut ? [handedOut] : []);
      if (device.device_id) expect(handedOut).toBe(device.device_id);
      if (device.initial_device_display_name) expect(accounts[0]!.devices[0]!.display_name).toBe(device.initial_device_display_name);
    },
  );
});
