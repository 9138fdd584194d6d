/** Signing in to the operator console: homeserver admins and operator keys; who is refused; the cookie, CSRF and the idle timeout. */
import { beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR_KEY } from '../support/constants.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';
import { startHarness } from '../support/harness.js';
import { CONSOLE_PATH, consoleClient, makeAccount, setAdmin, signIn } from './support.js';
import { buildAdminApi } from '../../functions/compose/build.js';
import { DynamoAuditLog } from '../../functions/adapters/dynamodb/audit-log.js';

const PASSWORD = 'a long admin passphrase';
const clock = new TestClock();

describe('console sign-in', () => {
  const h = useHarness(() => startHarness({ clock, secrets: { operatorKey: OPERATOR_KEY } }));
  let client: ReturnType<typeof consoleClient>;
  beforeEach(async () => {
    client = consoleClient(h.app);
    await makeAccount(h.homeserver.url, '@root:localhost', PASSWORD, true).catch(() => undefined);
    await makeAccount(h.homeserver.url, '@bob:localhost', PASSWORD, false).catch(() => undefined);
  });
  const auditEntries = async () =>
    (await new DynamoAuditLog(h.db, h.config.tableName, 86_400_000).list({ limit: 100, now: clock.now() })).entries;

  it('sends a visitor without a session to the sign-in page', async () => {
    const answer = await client.get('');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${CONSOLE_PATH}/sign-in`);
    const page = await client.get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Server admin account');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('lets a server admin of the homeserver in, with a strict HttpOnly cookie, and audits the sign-in by user id', async () => {
    const answer = await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    expect(answer.status).toBe(303);
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toContain(`Path=${CONSOLE_PATH}`);
    const overview = await client.get('');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Signed in as @root:localhost');
    expect(h.homeserver.getUser('@root:localhost')!.devices).toHaveLength(1);
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ operator: '@root:localhost', action: 'console.signed_in' }));
  });

  it('refuses an account that is not a server admin, and logs out the device its login made', async () => {
    const answer = await signIn(client, { method: 'admin', user: 'bob', password: PASSWORD });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('not a server admin');
    expect(h.homeserver.getUser('@bob:localhost')!.devices).toHaveLength(0);
    expect((await client.get('')).status).toBe(303);
  });

  it('refuses a wrong password and a wrong operator key', async () => {
    expect((await signIn(client, { method: 'admin', user: 'root', password: 'not it at all' })).status).toBe(403);
    const key = await signIn(client, { method: 'key', key: `${OPERATOR_KEY}x` });
    expect(key.status).toBe(403);
    expect(key.text).toContain('not an operator key');
    expect((await client.get('')).status).toBe(303);
  });

  it('marks the cookie Secure when the console is reached over https', async () => {
    const secure = consoleClient(h.app, { base: 'https://front-door.test' });
    const answer = await signIn(secure, { method: 'key', key: OPERATOR_KEY });
    expect(answer.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('lets the operator key in, named as the key is', async () => {
    expect((await signIn(client, { method: 'key', key: OPERATOR_KEY })).status).toBe(303);
    expect((await client.get('')).text).toContain('Signed in as default');
  });

  it('speaks German when asked, on the sign-in page and after it', async () => {
    const german = await client.get('/sign-in?lang=de');
    expect(german.text).toContain('<html lang="de" dir="ltr">');
    expect(german.text).toContain('Bei der Betriebskonsole anmelden');
    expect(german.text).toContain(`href="${CONSOLE_PATH}/sign-in?lang=en"`);
    await client.post('/sign-in', { method: 'key', key: OPERATOR_KEY });
    expect((await client.get('/tokens')).text).toContain('Neue Einladung');
    expect((await client.get('/tokens?lang=en')).text).toContain('New invitation');
  });

  it('refuses a sign-in form without the CSRF field of its page', async () => {
    await client.get('/sign-in');
    const answer = await client.post('/sign-in', { csrf: 'forged', method: 'key', key: OPERATOR_KEY });
    expect(answer.status).toBe(403);
    expect((await client.get('')).status).toBe(303);
  });

  it('ends an idle session, and logs out the admin device it held', async () => {
    await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    clock.advance(10 * 60_000);
    expect((await client.get('')).status).toBe(200);
    clock.advance(16 * 60_000);
    const answer = await client.get('/tokens');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${CONSOLE_PATH}/sign-in?notice=ended`);
    expect(h.homeserver.getUser('@root:localhost')!.devices).toHaveLength(0);
    expect((await client.get('/sign-in?notice=ended')).text).toContain('idle too long');
  });

  it('ends an admin’s session at once when the homeserver logs its device out or takes the admin flag away', async () => {
    await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    expect((await client.get('')).status).toBe(200);
    // A password reset through the admin API logs every device out, the console's with them.
    await makeAccount(h.homeserver.url, '@root:localhost', PASSWORD, true);
    expect((await client.get('')).location).toBe(`${CONSOLE_PATH}/sign-in?notice=ended`);
    await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    expect((await client.get('')).status).toBe(200);
    await setAdmin(h.homeserver.url, '@root:localhost', false);
    expect((await client.get('/tokens')).location).toBe(`${CONSOLE_PATH}/sign-in?notice=ended`);
    await setAdmin(h.homeserver.url, '@root:localhost', true);
  });

  it('shows nothing to an admin while the homeserver cannot say whether they still are one', async () => {
    await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    h.homeserver.injectFault({ route: 'GET /_synapse/admin/v2/users', kind: 'status500', times: 1 });
    const answer = await client.get('/tokens');
    expect(answer.status).toBe(503);
    expect(answer.text).not.toContain('Create the invitation');
    expect((await client.get('/tokens')).status).toBe(200);
  });

  it('limits sign-in attempts per network, with a page that says to wait', async () => {
    const guesser = consoleClient(h.app, { ip: '198.51.100.7' });
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await signIn(guesser, { method: 'admin', user: 'root', password: `guess ${i}` })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(answers[10]).toBe(429);
    // Another network is not held back by it.
    expect((await signIn(consoleClient(h.app, { ip: '203.0.113.9' }), { method: 'key', key: OPERATOR_KEY })).status).toBe(303);
  });

  it('is served by the admin part alone too: the function that holds the operator keys', async () => {
    const admin = buildAdminApi({
      config: h.config,
      dynamo: h.db,
      clock,
      encryptionKey: h.secrets.encryptionKey,
      operatorKey: OPERATOR_KEY,
    });
    const alone = consoleClient(admin);
    expect((await signIn(alone, { method: 'key', key: OPERATOR_KEY })).status).toBe(303);
    expect((await alone.get('/tokens')).status).toBe(200);
  });

  it('signs out: the device is logged out, the cookie no longer lets anyone in, and the sign-out is audited', async () => {
    await signIn(client, { method: 'admin', user: 'root', password: PASSWORD });
    await client.get('');
    const out = await client.post('/sign-out', {});
    expect(out.location).toBe(`${CONSOLE_PATH}/sign-in?notice=out`);
    expect(h.homeserver.getUser('@root:localhost')!.devices).toHaveLength(0);
    expect((await client.get('')).status).toBe(303);
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ operator: '@root:localhost', action: 'console.signed_out' }));
  });
});
