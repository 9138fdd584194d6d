/**
 * A stock Synapse 1.67 (before 1.72 there is no admin endpoint that says who holds an address; this one
 * answers 400 M_UNRECOGNIZED for it). The front door checks at start-up: it drops the email and phone
 * flows with a warning, or refuses to start when no flow would remain; requestToken then answers 400
 * M_THREEPID_MEDIUM_NOT_SUPPORTED, never a 500. Runs when STOCK_HOMESERVER_URL and
 * STOCK_HOMESERVER_ADMIN_TOKEN name one (`SYNAPSE_STOCK=1 synapse.sh start DIR PORT`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalFrontDoor } from '../../local/start.js';
import { REGISTER, THREEPID } from '../support/harness.js';
import { stockSynapse, type RealSynapse } from './env.js';
import { clientAt, EMAIL_TOKEN, MSISDN_TOKEN, PASSWORD, startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';

const found = stockSynapse();
const missing = 'missing' in found ? found.missing : undefined;
if (missing) console.log(`stock Synapse suite skipped: ${missing} not set; see the README, "Testing against a real Synapse"`);
const stock = found as RealSynapse;

/** `npm start`'s environment, pointed at the stock Synapse; shared_secret mode when the secret is given. */
function localEnv(mode: 'shared_secret' | 'admin_api', extra: Record<string, string> = {}) {
  return {
    ...process.env,
    HOMESERVER_URL: stock.url,
    SERVER_NAME: stock.serverName,
    REGISTRATION_SHARED_SECRET: mode === 'shared_secret' ? stock.sharedSecret : '',
    HOMESERVER_ADMIN_TOKEN: stock.adminToken,
    PORT: '0',
    MAIL_CATCHER_PORT: '0',
    SMS_OUTBOX_PORT: '0',
    TABLE_NAME: `stock-${randomBytes(4).toString('hex')}`,
    AWS_ENDPOINT_URL_SES: '',
    AWS_ENDPOINT_URL_SNS: '',
    ...extra,
  };
}

async function post(local: LocalFrontDoor, path: string, body: unknown) {
  const res = await fetch(`${local.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe.skipIf(missing)('a stock Synapse 1.67, without the 3PID lookup', () => {
  const api = new SynapseApi(stock);

  describe.each(['shared_secret', 'admin_api'] as const)('npm start in front of it (%s)', (mode) => {
    let local: LocalFrontDoor;
    beforeAll(async () => {
      local = await startLocal(localEnv(mode), { quiet: true });
    });
    afterAll(() => local?.stop());

    it('starts, and offers only the flows that need no address', async () => {
      const first = await post(local, REGISTER, {});
      expect(first.status).toBe(401);
      expect(first.body.flows).toEqual([{ stages: ['m.login.terms', 'm.login.dummy'] }]);
    });

    it('answers email and phone requestToken with 400 M_THREEPID_MEDIUM_NOT_SUPPORTED, never a 500', async () => {
      const email = await post(local, EMAIL_TOKEN, { client_secret: 'stock-1', email: `${freshName('s')}@example.org`, send_attempt: 1 });
      expect(email).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED' } });
      const phone = await post(local, MSISDN_TOKEN, {
        client_secret: 'stock-2',
        country: 'GB',
        phone_number: '07400 123456',
        send_attempt: 1,
      });
      expect(phone).toMatchObject({ status: 400, body: { errcode: 'M_THREEPID_MEDIUM_NOT_SUPPORTED' } });
    });

    it('still makes accounts through terms and dummy', async () => {
      const username = freshName('st');
      const first = await post(local, REGISTER, { username, password: PASSWORD });
      await post(local, REGISTER, { auth: { type: 'm.login.terms', session: first.body.session } });
      const done = await post(local, REGISTER, { auth: { type: 'm.login.dummy', session: first.body.session } });
      expect(done).toMatchObject({ status: 200, body: { user_id: api.userId(username) } });
      expect((await api.devices(done.body.user_id)).map((d) => d.device_id)).toEqual([done.body.device_id]);
    });
  });

  it('refuses to start, saying why, when every configured flow needs an email address or a phone number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stock-config-'));
    const path = join(dir, 'front-door.json');
    writeFileSync(
      path,
      JSON.stringify({
        serverName: stock.serverName,
        homeserver: { url: stock.url, mode: 'admin_api' },
        registration: { flows: [['m.login.email.identity'], ['m.login.msisdn']] },
        threepid: { ...THREEPID, publicBaseUrl: 'http://127.0.0.1:1' },
      }),
    );
    const started = startLocal(localEnv('admin_api', { FRONT_DOOR_CONFIG: path }), { quiet: true });
    await expect(started).rejects.toThrow(/3PID|threepid|lookup|1\.72|email|phone/i);
  });

  it('built without the start-up check, an email requestToken fails closed: no mail sent, no 500', async () => {
    const h = await startFrontDoor(stock, 'admin_api', { withSharedSecret: false });
    try {
      const address = `${freshName('s')}@example.org`;
      const answer = await clientAt(h).post(EMAIL_TOKEN, { client_secret: 'stock-3', email: address, send_attempt: 1 });
      expect(answer.status, JSON.stringify(answer.body)).not.toBe(500);
      expect(answer.status).not.toBe(200);
      expect(answer.body.errcode).toBeTypeOf('string');
      expect((await h.mail!.mails()).filter((m) => m.to.includes(address))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
