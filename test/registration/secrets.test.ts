import { describe, expect, it } from 'vitest';
import { REGISTER, SHARED_SECRET, ADMIN_TOKEN } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';

const PASSWORD = 'a very particular passphrase 9471';

describe('nothing secret is stored or logged in clear', () => {
  const h = useHarness({ mode: 'admin_api' });

  it('keeps the password sealed while the session lives, deletes it once the account exists, and seals the tokens', async () => {
    const first = await h.post(REGISTER, { username: 'secretive', password: PASSWORD });
    const session = first.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const during = JSON.stringify(await h.items());
    expect(during).not.toContain(PASSWORD);
    const stored = (await h.items()).find((i) => i.pk === `session#${session}`)!;
    expect(String(stored.sealedPassword)).toMatch(/^v1\./);

    const done = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(done.status).toBe(200);
    const after = await h.items();
    const dump = JSON.stringify(after);
    for (const secret of [PASSWORD, done.body.access_token, SHARED_SECRET, ADMIN_TOKEN, h.secrets.encryptionKey.toString('base64')]) {
      expect(dump).not.toContain(secret);
    }
    expect(after.find((i) => i.pk === `session#${session}`)!.sealedPassword).toBeUndefined();
    const logs = h.logs.join('\n');
    for (const secret of [PASSWORD, done.body.access_token, SHARED_SECRET, ADMIN_TOKEN]) expect(logs).not.toContain(secret);
  });
});
