/**
 * The console's records: the audit log and the terms acceptances a page at a time, between two dates,
 * narrowed to rows containing a text; exported as CSV (the same columns and CSV-injection defence as the
 * operator API's export). Every export is itself audited.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { AuditEntry } from '../../ports/audit.js';
import type { TermsAcceptance } from '../../ports/terms-records.js';
import { type RecordsFilter, recordsPage } from '../../web/console/console-records-page.js';
import { EXPORT_CONTENT_TYPES, exportStream } from '../../web/export-formats.js';
import { operatorOf } from '../routes/operator-auth.js';
import { AUDIT_COLUMNS, TERMS_COLUMNS } from '../routes/operator-records.js';
import type { ConsoleDeps } from './console-deps.js';
import { consoleFrame, sendPage } from './console-frame.js';

const PAGE = 100;
const EXPORT_PAGE = 500;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filterOf(c: Context): RecordsFilter {
  const date = (name: string) => {
    const value = c.req.query(name);
    return value && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
  };
  return {
    tab: c.req.query('tab') === 'terms' ? 'terms' : 'audit',
    since: date('since'),
    until: date('until'),
    q: c.req.query('q')?.trim().slice(0, 200) || undefined,
  };
}

/** The range in epoch ms: from the start of `since` to the end of `until` (UTC days). */
const rangeOf = (f: RecordsFilter) => ({
  since: f.since ? Date.parse(f.since) : undefined,
  until: f.until ? Date.parse(f.until) + DAY_MS - 1 : undefined,
});

const contains = (q: string | undefined) => (row: AuditEntry | TermsAcceptance) =>
  !q || JSON.stringify(row).toLowerCase().includes(q.toLowerCase());

export function consoleRecordRoutes(deps: ConsoleDeps): Hono {
  const routes = new Hono();
  const { audit, terms, clock } = deps;
  const read = async (f: RecordsFilter, after: string | undefined, limit: number) => {
    const query = { ...rangeOf(f), after, limit, now: clock.now() };
    if (f.tab === 'audit') {
      const page = await audit.list(query);
      return { rows: page.entries.filter(contains(f.q)), next: page.next };
    }
    const page = await terms.list(query);
    return { rows: page.records.filter(contains(f.q)), next: page.next };
  };

  routes.get('/records', async (c) => {
    const filter = filterOf(c);
    const after = c.req.query('after');
    const page = await read(filter, after && /^[A-Za-z0-9_-]{1,1000}$/.test(after) ? after : undefined, PAGE);
    const frame = consoleFrame(c, deps, c.get('consoleState'));
    const rows = filter.tab === 'audit' ? { audit: page.rows as AuditEntry[] } : { terms: page.rows as TermsAcceptance[] };
    const notice = c.req.query('notice') === 'csrf' ? { text: frame.t.csrfFailed, error: true } : undefined;
    return sendPage(c, recordsPage(frame, { filter, ...rows, next: page.next, notice }));
  });

  routes.get('/records/export', async (c) => {
    const filter = filterOf(c);
    const target = `${filter.since ?? 'start'}..${filter.until ?? 'now'}${filter.q ? ` containing ${filter.q}` : ''}`;
    const action = filter.tab === 'audit' ? 'audit_log.exported' : 'terms_records.exported';
    await audit.record({ operator: operatorOf(c), action, target, changes: { format: 'csv', via: 'console' } }, clock.now());
    const iso = (ms: number) => new Date(ms).toISOString();
    async function* pages() {
      let after: string | undefined;
      do {
        const page = await read(filter, after, EXPORT_PAGE);
        yield page.rows.map((r) => ('at' in r ? { ...r, atIso: iso(r.at) } : { ...r, acceptedAtIso: iso(r.acceptedAt) }));
        after = page.next;
      } while (after);
    }
    const columns = filter.tab === 'audit' ? AUDIT_COLUMNS : TERMS_COLUMNS;
    const name = `${filter.tab === 'audit' ? 'audit-log' : 'terms-records'}-${iso(clock.now()).replace(/[:.]/g, '-')}.csv`;
    return c.body(exportStream('csv', columns, pages()), 200, {
      'content-type': EXPORT_CONTENT_TYPES.csv,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  });
  return routes;
}
