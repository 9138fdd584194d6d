/**
 * The operator API's records: the terms acceptance records and the audit log (a page as JSON, or the whole
 * range exported as JSON lines or CSV), and the outbox of undelivered events and onboarding (listed, and
 * retried on demand). Mounted by operatorRoutes behind the operator key; every export is itself audited.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { invalidParam } from '../../matrix/errors.js';
import type { AuditLog } from '../../ports/audit.js';
import type { Clock } from '../../ports/clock.js';
import type { Outbox } from '../../ports/outbox.js';
import type { TermsRecordStore } from '../../ports/terms-records.js';
import { EXPORT_CONTENT_TYPES, type ExportFormat, exportStream } from '../../web/export-formats.js';
import { operatorOf } from './operator-auth.js';

export interface OperatorRecordsDeps {
  terms: TermsRecordStore;
  audit: AuditLog;
  clock: Clock;
  /** The outbox and a sweep of it, when this part can deliver (see compose/records.ts). */
  outbox?: { store: Outbox; sweep(): Promise<{ done: number; pending: number }> };
}

export const TERMS_COLUMNS = [
  'userId',
  'requestId',
  'policy',
  'version',
  'lang',
  'acceptedAt',
  'acceptedAtIso',
  'ipHash',
  'sessionId',
] as const;
export const AUDIT_COLUMNS = ['id', 'at', 'atIso', 'operator', 'action', 'target', 'changes', 'outcome'] as const;
const PAGE_MAX = 1000;
const EXPORT_PAGE = 500;

/** `since`, `until` (epoch ms, or an ISO date), `after` (the cursor), `limit` (1–1000, default 100). */
function rangeOf(c: Context) {
  const time = (name: string) => {
    const raw = c.req.query(name);
    if (raw === undefined) return undefined;
    const ms = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
    if (Number.isNaN(ms)) throw invalidParam(`${name} must be epoch milliseconds or an ISO 8601 date`);
    return ms;
  };
  const limitRaw = c.req.query('limit') ?? '100';
  const limit = Number(limitRaw);
  if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > PAGE_MAX) throw invalidParam(`limit must be an integer from 1 to ${PAGE_MAX}`);
  const after = c.req.query('after');
  if (after !== undefined && !/^[A-Za-z0-9_-]{1,1000}$/.test(after)) throw invalidParam('after must be a cursor from a previous page');
  return { since: time('since'), until: time('until'), after, limit };
}

function formatOf(c: Context): ExportFormat {
  const format = c.req.query('format') ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw invalidParam('format must be "csv" or "jsonl"');
  return format;
}

/** Every page from the range's start, one after another. */
async function* allPages<T>(read: (after?: string) => Promise<{ rows: T[]; next?: string }>) {
  let after: string | undefined;
  do {
    const page = await read(after);
    yield page.rows;
    after = page.next;
  } while (after);
}

const iso = (ms: number) => new Date(ms).toISOString();

export function operatorRecordRoutes(deps: OperatorRecordsDeps): Hono {
  const routes = new Hono();
  const { terms, audit, clock } = deps;
  const termsPage = (range: ReturnType<typeof rangeOf>, after?: string, limit = range.limit) =>
    terms.list({ ...range, after, limit, now: clock.now() });
  const auditPage = (range: ReturnType<typeof rangeOf>, after?: string, limit = range.limit) =>
    audit.list({ ...range, after, limit, now: clock.now() });

  routes.get('/terms_records', async (c) => {
    const range = rangeOf(c);
    const page = await termsPage(range, range.after);
    return c.json({ records: page.records, ...(page.next ? { next: page.next } : {}) });
  });

  routes.get('/terms_records/export', async (c) => {
    const range = rangeOf(c);
    const format = formatOf(c);
    await audit.record(
      { operator: operatorOf(c), action: 'terms_records.exported', target: rangeTarget(range), changes: { format } },
      clock.now(),
    );
    const pages = allPages(async (after) => {
      const page = await termsPage(range, after, EXPORT_PAGE);
      return { rows: page.records.map((r) => ({ ...r, acceptedAtIso: iso(r.acceptedAt) })), next: page.next };
    });
    return download(c, format, `terms-records-${fileStamp(clock.now())}`, exportStream(format, TERMS_COLUMNS, pages));
  });

  routes.get('/audit_log', async (c) => {
    const range = rangeOf(c);
    const page = await auditPage(range, range.after);
    return c.json({ entries: page.entries, ...(page.next ? { next: page.next } : {}) });
  });

  routes.get('/audit_log/export', async (c) => {
    const range = rangeOf(c);
    const format = formatOf(c);
    await audit.record(
      { operator: operatorOf(c), action: 'audit_log.exported', target: rangeTarget(range), changes: { format } },
      clock.now(),
    );
    const pages = allPages(async (after) => {
      const page = await auditPage(range, after, EXPORT_PAGE);
      return { rows: page.entries.map((e) => ({ ...e, atIso: iso(e.at) })), next: page.next };
    });
    return download(c, format, `audit-log-${fileStamp(clock.now())}`, exportStream(format, AUDIT_COLUMNS, pages));
  });

  const outbox = deps.outbox;
  if (outbox) {
    routes.get('/outbox', async (c) => {
      const range = rangeOf(c);
      const page = await outbox.store.pending(range.limit, range.after);
      return c.json({ items: page.items, ...(page.next ? { next: page.next } : {}) });
    });
    routes.post('/outbox/retry', async (c) => {
      // Audited before it runs (write-ahead), so a failing audit write never answers 500 for a retry that happened.
      const entry = await audit.recordIntent({ operator: operatorOf(c), action: 'outbox.retried' }, clock.now());
      const result = await outbox.sweep().catch(async (error: Error) => {
        await audit.settle(entry, 'failed').catch(() => undefined);
        throw error;
      });
      await audit.settle(entry, 'done').catch(() => undefined);
      return c.json(result);
    });
  }
  return routes;
}

const rangeTarget = (range: { since?: number; until?: number }) =>
  `${range.since === undefined ? 'start' : iso(range.since)}..${range.until === undefined ? 'now' : iso(range.until)}`;
const fileStamp = (ms: number) => iso(ms).replace(/[:.]/g, '-');

function download(c: Context, format: ExportFormat, name: string, body: ReadableStream<Uint8Array>) {
  return c.body(body, 200, {
    'content-type': EXPORT_CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${name}.${format}"`,
    'cache-control': 'no-store',
  });
}
