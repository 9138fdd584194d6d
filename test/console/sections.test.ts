/**
 * The console's sections over HTTP: invitations made and revoked, switches changed after a confirmation,
 * sign-ups approved and denied in bulk, records exported as CSV; every change in the audit log under the
 * name of who is signed in, and no form accepted without its CSRF field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../functions/adapters/dynamodb/audit-log.js';
import { DynamoSwitchStore } from '../../functions/adapters/dynamodb/switch-store.js';
import { OPERATOR_KEY } from '../support/constants.js';
import { startHarness } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { finishFlow, REQUESTS, operator } from '../approval/support.js';
import { TOKENS } from '../support/constants.js';
import { CONSOLE_PATH, consoleClient, makeAccount, signIn } from './support.js';

const ADMIN_PASSWORD = 'a long admin passphrase';

describe('console sections', () => {
  const h = useHarness(() =>
    startHarness({
      secrets: { operatorKey: OPERATOR_KEY },
      config: {
        approval: { when: { always: true } },
        pages: { path: '/signup', brand: { name: 'Example Chat' }, publicBaseUrl: 'https://chat.example.org' },
      },
    }),
  );
  let client: ReturnType<typeof consoleClient>;
  beforeAll(async () => {
    await makeAccount(h.homeserver.url, '@root:localhost', ADMIN_PASSWORD, true);
    client = consoleClient(h.app);
    expect((await signIn(client, { method: 'admin', user: 'root', password: ADMIN_PASSWORD })).status).toBe(303);
    await client.get('');
  });
  const audit = async () => (await new DynamoAuditLog(h.db, h.config.tableName, 86_400_000).list({ limit: 500, now: Date.now() })).entries;

  it('creates an invitation with its settings, shows its link and QR code, and audits it by the admin’s user id', async () => {
    const answer = await client.post('/tokens', {
      label: 'Spring cohort',
      uses: '3',
      expiry: '2099-12-31',
      skip: 'm.login.terms',
      token: 'spring-2099',
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${CONSOLE_PATH}/tokens?notice=created`);
    const page = await client.get('/tokens?notice=created');
    expect(page.text).toContain('Invitation created.');
    expect(page.text).toContain('https://chat.example.org/signup?token=spring-2099');
    expect(page.text).toMatch(/<svg class="qr" role="img" aria-label="QR code of the invite link for spring-2099"/);
    const token = (await operator(h, `${TOKENS}/spring-2099`)).body;
    expect(token).toMatchObject({ uses_allowed: 3, privileges: { skip_stages: ['m.login.terms'], label: 'Spring cohort' } });
    expect(new Date(token.expiry_time).toISOString()).toBe('2099-12-31T23:59:59.999Z');
    const entry = (await audit()).find((e) => e.action === 'registration_token.created');
    expect(entry).toMatchObject({ operator: '@root:localhost', outcome: 'done' });
    expect(JSON.stringify(entry)).not.toContain('spring-2099');
  });

  it('refuses a bad form field with the field marked, and makes nothing', async () => {
    const answer = await client.post('/tokens', { uses: 'many', label: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/id="uses"[^>]*aria-invalid="true"/);
    expect((await client.post('/tokens', { expiry: '2001-01-01' })).status).toBe(400);
    expect((await client.post('/tokens', { token: 'spring-2099' })).text).toContain('exists already');
  });

  it('accepts no form without this session’s CSRF field', async () => {
    const before = (await operator(h, TOKENS)).body.registration_tokens.length;
    const answer = await client.post('/tokens', { csrf: 'not-the-one', label: 'forged' });
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('notice=csrf');
    expect((await operator(h, TOKENS)).body.registration_tokens.length).toBe(before);
  });

  it('revokes an invitation', async () => {
    await client.post('/tokens', { token: 'short-lived' });
    expect((await client.post('/tokens/revoke', { token: 'short-lived' })).location).toContain('notice=revoked');
    expect((await operator(h, `${TOKENS}/short-lived`)).status).toBe(404);
    expect(await audit()).toContainEqual(expect.objectContaining({ action: 'registration_token.deleted', operator: '@root:localhost' }));
  });

  it('asks before a switch changes, then changes it for every function, audited', async () => {
    const confirm = await client.get('/switches?confirm=registrationClosed&to=on');
    expect(confirm.text).toContain('Turn “Registration closed” on?');
    expect(confirm.text).toContain('New sign-ups are refused');
    expect((await new DynamoSwitchStore(h.db, h.config.tableName).read()).registrationClosed).toBe(false);
    const answer = await client.post('/switches', { switch: 'registrationClosed', to: 'on' });
    expect(answer.location).toContain('changed=registrationClosed');
    expect(await new DynamoSwitchStore(h.db, h.config.tableName).read()).toMatchObject({
      registrationClosed: true,
      changedBy: '@root:localhost',
    });
    expect((await client.get('/switches')).text).toMatch(/data-switch="registrationClosed" data-on="true"/);
    expect(await audit()).toContainEqual(expect.objectContaining({ action: 'switches.changed', operator: '@root:localhost' }));
    await client.post('/switches', { switch: 'registrationClosed', to: 'off' });
  });

  it('approves and denies waiting sign-ups in bulk, each decision in the admin’s name', async () => {
    for (const name of ['ann', 'ben', 'cid']) await finishFlow(h, name);
    const page = await client.get('/approvals');
    const ids = [...page.text.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    expect((await client.post('/approvals', { decision: 'approve', ids: ids.slice(0, 2) })).location).toContain('done=2');
    const denied = await client.post('/approvals', { decision: 'deny', ids: [ids[2]!, ids[0]!], reason: 'spam wave', share: '1' });
    expect(denied.location).toContain('done=1&failed=1');
    const [first, second, third] = await Promise.all(ids.map(async (id) => (await operator(h, `${REQUESTS}/${id}`)).body));
    for (const approved of [first, second]) {
      expect(approved).toMatchObject({ state: 'approved', decided_by: '@root:localhost' });
      expect(h.homeserver.getUser(approved.user_id)).toBeDefined();
    }
    expect(third).toMatchObject({ state: 'denied', decided_by: '@root:localhost', reason: 'spam wave' });
    expect(h.homeserver.getUser(third.user_id)).toBeUndefined();
    expect((await client.get('/approvals')).text).toContain('No sign-up is waiting.');
  });

  it('lists the audit log and exports it as CSV, narrowed by text, and audits the export', async () => {
    const page = await client.get('/records?tab=audit&q=switches');
    expect(page.text).toContain('switches.changed');
    expect(page.text).not.toContain('registration_token.created');
    const csv = await client.get('/records/export?tab=audit&q=registration_token');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,atIso,operator,action,target,changes,outcome');
    // The rows containing the text: the token changes, and this export's own entry (its filter names the text).
    expect(lines.slice(1).every((l) => l.includes('registration_token'))).toBe(true);
    expect(lines.some((l) => l.includes('registration_token.created'))).toBe(true);
    expect(lines.some((l) => l.includes('switches.changed'))).toBe(false);
    expect(await audit()).toContainEqual(expect.objectContaining({ action: 'audit_log.exported', operator: '@root:localhost' }));
    const terms = await client.get('/records?tab=terms');
    expect(terms.status).toBe(200);
  });
});
