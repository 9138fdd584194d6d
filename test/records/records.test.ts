import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, webhookKey } from '../../functions/crypto/webhook-signature.js';
import { type EventReceiver, startEventReceiver } from '../../local/event-receiver/index.js';
import { type Harness, registerThroughTermsAndDummy, startHarness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { ALICE_KEY, asOperator, CI_KEY, OPERATOR_KEYS, parseCsv, WEBHOOK_SECRET } from './support.js';

const DAY_S = 24 * 3600;

describe('records, events and the audit log on the dev homeserver', () => {
  let h: Harness;
  let receiver: EventReceiver;
  const clock = new TestClock();
  let lobby: string;
  beforeAll(async () => {
    receiver = await startEventReceiver({ webhookSecret: WEBHOOK_SECRET });
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = receiver.url;
    h = await startHarness({
      clock,
      mode: 'admin_api',
      config: {
        records: { termsRetentionDays: 30, auditRetentionDays: 90 },
        events: { eventBridge: { busName: 'tenant-bus' }, webhook: { url: receiver.webhookUrl, timeoutMs: 2000 } },
        onboarding: { rooms: ['#lobby:localhost'] },
      },
      secrets: { operatorKey: 'the-default-operator-key-0001', operatorKeys: OPERATOR_KEYS, eventsWebhookSecret: WEBHOOK_SECRET },
    });
    lobby = h.homeserver.createRoom({ alias: 'lobby' });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
    delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
  });

  it('exports the terms record of an account as CSV, once, with policy, version, language, time and IP hash', async () => {
    const final = await registerThroughTermsAndDummy(h, 'csvperson');
    expect(final.status).toBe(200);

    const res = await asOperator(h, ALICE_KEY, '/terms_records/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="terms-records-[\dTZ-]+\.csv"$/);
    const rows = parseCsv(await res.text()).filter((r) => r.userId === '@csvperson:localhost');
    expect(rows.map((r) => [r.policy, r.version, r.lang]).sort()).toEqual([
      ['privacy_policy', '1.0', 'en'],
      ['terms_of_service', '2.1', 'en'],
    ]);
    for (const row of rows) {
      expect(row.ipHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Date(row.acceptedAtIso ?? '').getTime()).toBe(Number(row.acceptedAt));
      expect(row.sessionId).not.toBe('');
    }
  });

  it('quotes CSV fields that hold commas, quotes or line breaks so they read back unchanged', async () => {
    const { csvRow } = await import('../../functions/web/export-formats.js');
    const tricky = ['a,b', 'say "hi"', 'two\r\nlines', '', 'plain'];
    expect(parseCsv(`${csvRow(['x1', 'x2', 'x3', 'x4', 'x5'])}${csvRow(tricky)}`)).toEqual([
      { x1: 'a,b', x2: 'say "hi"', x3: 'two\r\nlines', x4: '', x5: 'plain' },
    ]);
  });

  it('keeps terms records and audit entries only for the retention period (the TTL attribute is set)', async () => {
    await registerThroughTermsAndDummy(h, 'ttlperson');
    await asOperator(h, ALICE_KEY, '/audit_log');
    const items = await h.items();
    const terms = items.filter((i) => i.pk === 'terms-record' && i.userId === '@ttlperson:localhost');
    expect(terms).toHaveLength(2);
    for (const item of terms) expect(item.ttl).toBe(Math.ceil((clock.now() + 30 * DAY_S * 1000) / 1000));
    const audit = items.filter((i) => i.pk === 'audit');
    expect(audit.length).toBeGreaterThan(0);
    for (const item of audit) expect(item.ttl).toBe(Math.ceil(((item.at as number) + 90 * DAY_S * 1000) / 1000));
  });

  it('delivers one signup.completed per sign-up to the bus and to the webhook, signed so a receiver can verify it', async () => {
    receiver.clear();
    const final = await registerThroughTermsAndDummy(h, 'eventperson', { initial_device_display_name: 'x' });
    expect(final.status).toBe(200);
    const events = receiver
      .events()
      .filter((e) => e.payload.localpart === 'eventperson' || (e.payload.data as any)?.localpart === 'eventperson');
    expect(events.map((e) => e.via).sort()).toEqual(['eventbridge', 'webhook']);
    const [bus, hook] = [events.find((e) => e.via === 'eventbridge')!, events.find((e) => e.via === 'webhook')!];
    expect(bus.id).toBe(hook.id);
    expect(bus.id).toMatch(/^signup\.completed:/);
    expect(bus).toMatchObject({ type: 'signup.completed', bus: 'tenant-bus', source: 'matrix.front-door' });
    expect(bus.payload).toMatchObject({ userId: '@eventperson:localhost', localpart: 'eventperson' });
    expect(hook.signatureValid).toBe(true);
    expect(hook.payload).toMatchObject({ type: 'signup.completed', data: { id: bus.id, userId: '@eventperson:localhost' } });
  });

  it('emits an event id only once, however often it is emitted (a retried or raced call adds nothing)', async () => {
    receiver.clear();
    const { recordsFor } = await import('../../functions/compose/records.js');
    const { busSinkFor } = await import('../../functions/compose/event-bridge.js');
    const quiet = { info() {}, warn() {}, error() {} };
    const records = recordsFor({ config: h.config, dynamo: h.db, clock, log: quiet, secrets: h.secrets, bus: busSinkFor(h) });
    const event = {
      id: 'signup.approved:req-once',
      type: 'signup.approved' as const,
      occurredAt: clock.now(),
      facts: { localpart: 'once' },
    };
    await Promise.all([records.events.emit(event), records.events.emit(event)]);
    await records.events.emit(event);
    expect(
      receiver
        .events()
        .filter((e) => e.id === 'signup.approved:req-once')
        .map((e) => e.via)
        .sort(),
    ).toEqual(['eventbridge', 'webhook']);
  });

  it('keeps an event whose delivery failed, and delivers it on the next retry without failing the sign-up', async () => {
    receiver.clear();
    receiver.injectFault({ on: 'webhook', kind: 'internal' });
    const final = await registerThroughTermsAndDummy(h, 'retryperson');
    expect(final.status).toBe(200);
    const arrived = () => receiver.events().filter((e) => e.via === 'webhook' && (e.payload.data as any)?.localpart === 'retryperson');
    expect(arrived()).toHaveLength(0);
    // The failed try is in the outbox, visible to operators, with its reason.
    const outbox = (await (await asOperator(h, ALICE_KEY, '/outbox')).json()) as { items: unknown[] };
    expect(outbox.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'event:webhook', attempts: 1, lastError: 'webhook: HTTP 500' })]),
    );
    // Not yet due: a retry now does nothing; after the back-off it delivers.
    expect(await (await asOperator(h, ALICE_KEY, '/outbox/retry', { method: 'POST' })).json()).toMatchObject({ done: 0 });
    clock.advance(31_000);
    expect(await (await asOperator(h, ALICE_KEY, '/outbox/retry', { method: 'POST' })).json()).toMatchObject({ done: 1 });
    expect(arrived()).toHaveLength(1);
    expect(arrived()[0]!.signatureValid).toBe(true);
    // The bus got it once, at the first try.
    expect(receiver.events().filter((e) => e.via === 'eventbridge' && e.payload.localpart === 'retryperson')).toHaveLength(1);
    expect(((await (await asOperator(h, ALICE_KEY, '/outbox')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('joins a new account to the configured rooms; a join that fails never undoes the account and is retried', async () => {
    expect((await registerThroughTermsAndDummy(h, 'roomperson')).status).toBe(200);
    expect(h.homeserver.roomMembers(lobby)).toContain('@roomperson:localhost');
    h.homeserver.injectFault({ kind: 'status500', route: 'POST /_synapse/admin/v1/join' });
    expect((await registerThroughTermsAndDummy(h, 'laterperson')).status).toBe(200);
    expect(h.homeserver.getUser('@laterperson:localhost')).toBeDefined();
    expect(h.homeserver.roomMembers(lobby)).not.toContain('@laterperson:localhost');
    clock.advance(31_000);
    await asOperator(h, ALICE_KEY, '/outbox/retry', { method: 'POST' });
    expect(h.homeserver.roomMembers(lobby)).toContain('@laterperson:localhost');
  });

  it('audits every operator action with the name of the key that made it, never the token itself', async () => {
    const made = await (
      await asOperator(h, ALICE_KEY, '/registration_tokens/new', { body: { token: 'audit-me-token', uses_allowed: 3 } })
    ).json();
    expect(made.token).toBe('audit-me-token');
    await asOperator(h, CI_KEY, '/registration_tokens/audit-me-token', { method: 'PUT', body: { uses_allowed: 5 } });
    await asOperator(h, ALICE_KEY, '/registration_tokens/audit-me-token', { method: 'DELETE' });
    await asOperator(h, 'the-default-operator-key-0001', '/terms_records/export?format=jsonl');
    const exported = await asOperator(h, CI_KEY, '/audit_log/export?format=jsonl');
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const entries = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byAction = (action: string) => entries.filter((e) => e.action === action).at(-1);
    expect(byAction('registration_token.created')).toMatchObject({ operator: 'alice', changes: { uses_allowed: 3 } });
    expect(byAction('registration_token.updated')).toMatchObject({ operator: 'ci', changes: { uses_allowed: 5 } });
    expect(byAction('registration_token.deleted')).toMatchObject({ operator: 'alice' });
    expect(byAction('terms_records.exported')).toMatchObject({ operator: 'default', changes: { format: 'jsonl' } });
    expect(byAction('outbox.retried')).toMatchObject({ operator: 'alice' });
    // The export itself was audited before it was read.
    expect(byAction('audit_log.exported')).toMatchObject({ operator: 'ci' });
    expect(JSON.stringify(entries)).not.toContain('audit-me-token');
    expect(byAction('registration_token.created').target).toMatch(/^token:/);
  });

  it('pages the audit log with a cursor, oldest first, and refuses a bad limit with M_INVALID_PARAM', async () => {
    const first = await (await asOperator(h, ALICE_KEY, '/audit_log?limit=2')).json();
    expect(first.entries).toHaveLength(2);
    const second = await (await asOperator(h, ALICE_KEY, `/audit_log?limit=2&after=${first.next}`)).json();
    expect(second.entries[0].at).toBeGreaterThanOrEqual(first.entries[1].at);
    expect(second.entries[0].id).not.toBe(first.entries[1].id);
    const bad = await asOperator(h, ALICE_KEY, '/audit_log?limit=0');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it('checks signatures as a Standard Webhooks receiver does: a changed body or another secret fails', () => {
    const key = webhookKey(WEBHOOK_SECRET);
    const headers = signWebhook(key, 'msg_1', 1_700_000_000, '{"a":1}');
    const given = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] };
    expect(verifyWebhook(key, given, '{"a":1}', 1_700_000_010)).toBe(true);
    expect(verifyWebhook(key, given, '{"a":2}', 1_700_000_010)).toBe(false);
    expect(verifyWebhook(webhookKey('whsec_b3RoZXI='), given, '{"a":1}', 1_700_000_010)).toBe(false);
    expect(verifyWebhook(key, given, '{"a":1}', 1_700_001_000)).toBe(false);
  });
});
