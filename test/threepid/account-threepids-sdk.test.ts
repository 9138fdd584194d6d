/**
 * matrix-js-sdk's own calls to add an address, unchanged, against the front door over HTTP (on the development
 * homeserver): `requestAdd3pidEmailToken` / `requestAdd3pidMsisdnToken` (which send no access token), the mail's
 * link or `submitMsisdnTokenOtherUrl`, then `addThreePidOnly` without auth (the 401 with its session) and with
 * the password.
 */
import { createClient, type MatrixClient, MatrixError } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, codeInSms, type Harness, linkInMail, THREEPID } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { type Person, person } from '../synapse/account-threepids-support.js';
import { SynapseApi } from '../synapse/synapse-api.js';

/** addThreePidOnly without auth, then with the password stage in the session the 401 gave. */
async function addWithPassword(client: MatrixClient, p: Person, creds: { sid: string; client_secret: string }) {
  const refused = await client.addThreePidOnly(creds).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(MatrixError);
  expect((refused as MatrixError).httpStatus).toBe(401);
  const session = (refused as MatrixError).data.session as string;
  const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: p.localpart }, password: p.password, session };
  return client.addThreePidOnly({ ...creds, auth });
}

describe('adding an address with matrix-js-sdk', () => {
  const h: Harness = useHarness({ mode: 'admin_api', messaging: true, config: { threepid: THREEPID } });
  const api = () => new SynapseApi({ url: h.homeserver.url, serverName: 'localhost', adminToken: ADMIN_TOKEN });
  const someone = () => person({ api: api(), url: h.homeserver.url, serverName: 'localhost', adminToken: ADMIN_TOKEN });
  const clientOf = (p: Person) => createClient({ baseUrl: h.url!, accessToken: p.token, userId: p.userId });

  it('requestAdd3pidEmailToken, the link, then addThreePidOnly with the password', async () => {
    const p = await someone();
    const client = clientOf(p);
    const email = `${p.localpart}@example.org`;
    const { sid } = await client.requestAdd3pidEmailToken(email, 'sdk-add-secret', 1);
    expect((await fetch(await linkInMail(h, email))).status).toBe(200);
    expect(await addWithPassword(client, p, { sid, client_secret: 'sdk-add-secret' })).toEqual({});
    const { threepids } = await client.getThreePids();
    expect(threepids.map((t) => `${t.medium}:${t.address}`)).toEqual([`email:${email}`]);
  });

  it('requestAdd3pidMsisdnToken, submitMsisdnTokenOtherUrl, then addThreePidOnly with the password', async () => {
    const p = await someone();
    const client = clientOf(p);
    const requested = await client.requestAdd3pidMsisdnToken('GB', '07400 123499', 'sdk-add-phone', 1);
    expect(requested.submit_url).toBeDefined();
    const code = codeInSms(h, '+447400123499');
    expect(await client.submitMsisdnTokenOtherUrl(requested.submit_url!, requested.sid, 'sdk-add-phone', code)).toMatchObject({
      success: true,
    });
    expect(await addWithPassword(client, p, { sid: requested.sid, client_secret: 'sdk-add-phone' })).toEqual({});
    expect(await api().addresses(p.userId)).toEqual(['msisdn:447400123499']);
  });
});
