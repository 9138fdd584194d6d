/**
 * The audit log's retention as lists see it, the write-ahead audit of token actions (a failing audit write
 * stops the action; a failing action is recorded as failed), and CSV exports that a spreadsheet cannot run.
 */
import { describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../functions/adapters/dynamodb/audit-log.js';
import { DynamoRegistrationTokenStore } from '../../functions/adapters/dynamodb/registration-token-store.js';
import { aesGcmSecretBox } from '../../functions/crypto/secret-box.js';
import { keyedHash } from '../../functions/crypto/keyed-hash.js';
import { matrixApi } from '../../functions/http/app.js';
import { OPERATOR_PREFIX, operatorRoutes } from '../../functions/http/routes/operator-routes.js';
import { RegistrationTokens } from '../../functions/policy/registration-tokens.js';
import type { AuditLog } from '../../functions/ports/audit.js';
import { csvRow, exportStream } from '../../functions/web/export-formats.js';
import type { Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { useHarness } from '../support/use-harness.js';
import { ALICE_KEY, asOperator, OPERATOR_KEYS, parseCsv } from './support.js';

const DAY_MS = 24 * 3600 * 1000;
const quiet = { info() {}, warn() {}, error() {} };

describe('the audit log past its retention', () => {
  const clock = new TestClock();
  const h = useHarness({
    clock,
    mode: 'admin_api',
    config: { records: { termsRetentionDays: 30, auditRetentionDays: 1 } },
    secrets: { operatorKey: 'the-default-operator-key-0001', operatorKeys: OPERATOR_KEYS },
  });

  it('leaves entries past their retention out of lists and exports, though DynamoDB has not deleted them yet', async () => {
    await asOperator(h, ALICE_KEY, '/registration_tokens/new', { body: { token: 'old-token-1' } });
    clock.advance(DAY_MS + 60_000);
    await asOperator(h, ALICE_KEY, '/registration_tokens/new', { body: { token: 'new-token-1' } });
    // Both entries are still in the table: TTL deletion comes later.
    const stored = (await h.items()).filter((i) => i.pk === 'audit' && i.action === 'registration_token.created');
    expect(stored).toHaveLength(2);
    const listed = (await (await asOperator(h, ALICE_KEY, '/audit_log')).json()).entries;
    expect(listed.filter((e: { action: string }) => e.action === 'registration_token.created')).toHaveLength(1);
    expect(listed[0].at).toBe(Math.max(...stored.map((i) => i.at as number)));
    const exported = parseCsv(await (await asOperator(h, ALICE_KEY, '/audit_log/export?format=csv')).text());
    expect(exported.filter((row) => row.action === 'registration_token.created')).toHaveLength(1);
  });
});

/** The operator routes over the harness's table, with an audit log that fails where a test says. */
function tokenApi(h: Harness, audit: AuditLog) {
  const key = h.secrets.encryptionKey;
  const tokens = new RegistrationTokens(new DynamoRegistrationTokenStore(h.db, h.config.tableName), keyedHash(key), aesGcmSecretBox(key));
  const routes = operatorRoutes({ tokens, clock: h.clock, log: quiet, operatorKey: ALICE_KEY, audit });
  const app = matrixApi(h.config, quiet, (a) => a.route(OPERATOR_PREFIX, routes));
  return (path: string, init: { method?: string; body?: unknown } = {}) =>
    app.request(`${OPERATOR_PREFIX}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${ALICE_KEY}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

/** The real audit log with writes that fail on demand (a throttled or unreachable table). */
function faultyAudit(real: DynamoAuditLog) {
  const faults = { record: false, settle: false };
  const fail = () => Promise.reject(Object.assign(new Error('injected'), { name: 'ProvisionedThroughputExceededException' }));
  const audit: AuditLog = {
    record: (action, at) => (faults.record ? fail() : real.record(action, at)),
    recordIntent: (action, at) => (faults.record ? fail() : real.recordIntent(action, at)),
    settle: (entry, outcome) => (faults.settle ? fail() : real.settle(entry, outcome)),
    list: (query) => real.list(query),
  };
  return { audit, faults };
}

describe('token actions audited write-ahead', () => {
  const h = useHarness({ mode: 'admin_api' });
  const auditEntries = async () => (await h.items()).filter((i) => i.pk === 'audit');

  it('does nothing when the audit entry cannot be written, and says so (the token is not made)', async () => {
    const { audit, faults } = faultyAudit(new DynamoAuditLog(h.db, h.config.tableName, DAY_MS));
    const call = tokenApi(h, audit);
    faults.record = true;
    const refused = await call('/registration_tokens/new', { body: { token: 'unaudited-1' } });
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(await refused.json()).toHaveProperty('errcode');
    expect((await call('/registration_tokens/unaudited-1')).status).toBe(404);
    faults.record = false;
    // The retry does it, audited.
    expect((await call('/registration_tokens/new', { body: { token: 'unaudited-1' } })).status).toBe(200);
    const entries = (await auditEntries()).filter((e) => e.action === 'registration_token.created');
    expect(entries.map((e) => e.outcome)).toEqual(['done']);
  });

  it('answers 200 when the action happened though its entry could not be settled: the entry stays "attempted"', async () => {
    const { audit, faults } = faultyAudit(new DynamoAuditLog(h.db, h.config.tableName, DAY_MS));
    const call = tokenApi(h, audit);
    faults.settle = true;
    expect((await call('/registration_tokens/new', { body: { token: 'unsettled-1', uses_allowed: 2 } })).status).toBe(200);
    expect((await call('/registration_tokens/unsettled-1')).status).toBe(200);
    const entry = (await auditEntries()).find((e) => e.action === 'registration_token.created' && e.outcome === 'attempted');
    expect(entry).toMatchObject({ operator: 'default', changes: { uses_allowed: 2 } });
  });

  it('records an action that found nothing to act on as failed, and settles an entry only once', async () => {
    const real = new DynamoAuditLog(h.db, h.config.tableName, DAY_MS);
    const call = tokenApi(h, real);
    expect((await call('/registration_tokens/no-such-token', { method: 'DELETE' })).status).toBe(404);
    expect((await call('/registration_tokens/new', { body: { token: 'unsettled-1' } })).status).toBe(400);
    const failed = (await auditEntries()).filter((e) => e.outcome === 'failed').map((e) => e.action);
    expect(failed.sort()).toEqual(['registration_token.created', 'registration_token.deleted']);
    // The second settle loses: a failed entry never turns into a done one.
    const entry = (await real.list({ limit: 100, now: h.clock.now() })).entries.find((e) => e.outcome === 'failed')!;
    await real.settle(entry, 'done');
    expect((await auditEntries()).find((e) => e.id === entry.id)?.outcome).toBe('failed');
  });
});

describe('CSV exports opened in a spreadsheet', () => {
  const read = async (rows: Record<string, unknown>[]) =>
    parseCsv(
      await new Response(
        exportStream(
          'csv',
          ['cell'],
          (async function* () {
            yield rows;
          })(),
        ),
      ).text(),
    );

  it('prefixes a cell that would start a formula with a single quote, so the spreadsheet shows it as text', async () => {
    const attacks = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)', '\tx', '\r=1', '=HYPERLINK("http://x","y")'];
    const cells = (await read(attacks.map((cell) => ({ cell })))).map((r) => r.cell);
    expect(cells).toEqual(attacks.map((a) => `'${a}`));
  });

  it('writes user IDs, numbers and hashes unchanged though they start with @ or -, so they read back exactly', async () => {
    const values = [
      '@user:server',
      '@alice.b=c/d+e:example.org:8448',
      '@x:[::1]',
      '-5',
      '-0.25',
      '-Ab_9-',
      'plain',
      '2026-01-01T00:00:00.000Z',
    ];
    expect((await read(values.map((cell) => ({ cell })))).map((r) => r.cell)).toEqual(values);
    // What is not exactly such a value is neutralised: a user ID with a formula after it.
    expect(csvRow(['@user:server+HYPERLINK("x")'])).toBe(`"'@user:server+HYPERLINK(""x"")"\r\n`);
  });

  it('leaves JSON lines exports unchanged: they are the exact export', async () => {
    const text = await new Response(
      exportStream(
        'jsonl',
        ['cell'],
        (async function* () {
          yield [{ cell: '=cmd' }];
        })(),
      ),
    ).text();
    expect(JSON.parse(text.trim())).toEqual({ cell: '=cmd' });
  });
});
