/**
 * matrix-js-sdk's own password-reset calls, unchanged, against the front door over HTTP (on the development
 * homeserver): `requestPasswordEmailToken` / `requestPasswordMsisdnToken`, the mail's link or
 * `submitMsisdnTokenOtherUrl`, then `setPassword` without auth (the 401 with its session) and with it.
 */
import { createClient, type MatrixClient, MatrixError } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, codeInSms, type Harness, linkInMail, THREEPID } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { login, makeAccount } from './reset-support.js';

const OLD = 'the old and tired password';
const NEW = 'a brand new river of words';

/** setPassword without auth: the SDK throws the 401, whose data carries the session to continue. */
async function sessionOf(client: MatrixClient): Promise<string> {
  const refused = await client.setPassword(undefined as never, NEW).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(MatrixError);
  expect((refused as MatrixError).httpStatus).toBe(401);
  return (refused as MatrixError).data.session as string;
}

describe('password reset with matrix-js-sdk', () => {
  const h: Harness = useHarness({ messaging: true, config: { threepid: THREEPID, recovery: {} } });
  const hs = () => ({ url: h.homeserver.url, adminToken: ADMIN_TOKEN, serverName: 'localhost' });

  it('requestPasswordEmailToken, the link, then setPassword with m.login.email.identity', async () => {
    await makeAccount(hs(), 'sdkmail', OLD, [{ medium: 'email', address: 'sdkmail@example.org' }]);
    const client = createClient({ baseUrl: h.url! });
    const { sid } = await client.requestPasswordEmailToken('sdkmail@example.org', 'sdk-secret', 1);
    await fetch(await linkInMail(h, 'sdkmail@example.org'));
    const session = await sessionOf(client);
    const auth = { type: 'm.login.email.identity', session, threepid_creds: { sid, client_secret: 'sdk-secret' } };
    await client.setPassword(auth as never, NEW, true);
    expect((await login(hs(), 'sdkmail', NEW)).status).toBe(200);
    expect((await login(hs(), 'sdkmail', OLD)).status).toBe(403);
  });

  it('requestPasswordMsisdnToken, submitMsisdnTokenOtherUrl, then setPassword with m.login.msisdn', async () => {
    await makeAccount(hs(), 'sdkphone', OLD, [{ medium: 'msisdn', address: '447400123467' }]);
    const client = createClient({ baseUrl: h.url! });
    const requested = await client.requestPasswordMsisdnToken('GB', '07400 123467', 'sdk-secret-2', 1, undefined as never);
    expect(requested.submit_url).toBeDefined();
    const submitted = await client.submitMsisdnTokenOtherUrl(
      requested.submit_url!,
      requested.sid,
      'sdk-secret-2',
      codeInSms(h, '+447400123467'),
    );
    expect(submitted).toMatchObject({ success: true });
    const session = await sessionOf(client);
    await client.setPassword(
      { type: 'm.login.msisdn', session, threepid_creds: { sid: requested.sid, client_secret: 'sdk-secret-2' } } as never,
      NEW,
      false,
    );
    expect((await login(hs(), 'sdkphone', NEW)).status).toBe(200);
  });

  it('an address without an account is the SDK error M_THREEPID_NOT_FOUND', async () => {
    const client = createClient({ baseUrl: h.url! });
    const refused = await client.requestPasswordEmailToken('nobody-sdk@example.org', 'sdk-secret-3', 1).catch((e: unknown) => e);
    expect((refused as MatrixError).errcode).toBe('M_THREEPID_NOT_FOUND');
  });
});
