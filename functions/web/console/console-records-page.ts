/** The records: terms acceptances and the audit log, a page at a time, filtered by dates and text, exportable as CSV. */
import type { AuditEntry } from '../../ports/audit.js';
import type { TermsAcceptance } from '../../ports/terms-records.js';
import { html, type Markup, type Page } from '../layout.js';
import { type ConsoleFrame, consolePage } from './console-layout.js';

export type RecordsTab = 'audit' | 'terms';

export interface RecordsFilter {
  tab: RecordsTab;
  since?: string;
  until?: string;
  q?: string;
}

export interface RecordsView {
  filter: RecordsFilter;
  audit?: AuditEntry[];
  terms?: TermsAcceptance[];
  next?: string;
  notice?: { text: string; error?: boolean };
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export const recordsQuery = (filter: RecordsFilter, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ tab: filter.tab, since: filter.since, until: filter.until, q: filter.q, ...extra }).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  ).toString();

function auditTable(frame: ConsoleFrame, rows: AuditEntry[]): Markup {
  const { t } = frame;
  const changes = (e: AuditEntry) =>
    e.changes
      ? Object.entries(e.changes)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')
      : '';
  return html`<table data-records="audit"><thead><tr><th scope="col">${t.whenColumn}</th><th scope="col">${t.whoColumn}</th><th scope="col">${t.actionColumn}</th><th scope="col">${t.targetColumn}</th><th scope="col">${t.changesColumn}</th><th scope="col">${t.outcomeColumn}</th></tr></thead><tbody>${rows.map(
    (e) =>
      html`<tr><td>${when(e.at)}</td><td class="mono">${e.operator}</td><td><code>${e.action}</code></td><td class="mono">${e.target ?? ''}</td><td class="mono">${changes(e)}</td><td>${e.outcome ?? ''}</td></tr>`,
  )}</tbody></table>`;
}

function termsTable(frame: ConsoleFrame, rows: TermsAcceptance[]): Markup {
  const { t } = frame;
  return html`<table data-records="terms"><thead><tr><th scope="col">${t.whenColumn}</th><th scope="col">${t.userColumn}</th><th scope="col">${t.policyColumn}</th><th scope="col">${t.versionColumn}</th><th scope="col">${t.languageColumn}</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td>${when(r.acceptedAt)}</td><td class="mono">${r.userId ?? r.requestId ?? ''}</td><td>${r.policy}</td><td>${r.version}</td><td>${r.lang}</td></tr>`,
  )}</tbody></table>`;
}

function filters(frame: ConsoleFrame, filter: RecordsFilter): Markup {
  const { t } = frame;
  return html`<form method="get" action="${frame.path}/records" class="filters"><input type="hidden" name="tab" value="${filter.tab}">
<div><label for="since">${t.fromLabel}</label><input type="date" id="since" name="since" value="${filter.since ?? ''}"></div>
<div><label for="until">${t.untilLabel}</label><input type="date" id="until" name="until" value="${filter.until ?? ''}"></div>
<div><label for="q">${t.filterLabel}<span class="hint" id="q-hint">${t.filterHint}</span></label><input type="search" id="q" name="q" value="${filter.q ?? ''}" aria-describedby="q-hint"></div>
<div><button type="submit">${t.applyFilter}</button></div></form>`;
}

export function recordsPage(frame: ConsoleFrame, view: RecordsView): Page {
  const { t } = frame;
  const { filter } = view;
  const tab = (name: RecordsTab, label: string) =>
    html`<a href="${frame.path}/records?tab=${name}"${filter.tab === name ? html` aria-current="page"` : ''}>${label}</a>`;
  const rows = filter.tab === 'audit' ? (view.audit ?? []) : (view.terms ?? []);
  const table =
    rows.length === 0
      ? html`<p>${t.recordsNone}</p>`
      : filter.tab === 'audit'
        ? auditTable(frame, view.audit!)
        : termsTable(frame, view.terms!);
  const next = view.next
    ? html`<p><a href="${frame.path}/records?${recordsQuery(filter, { after: view.next })}">${t.nextPage}</a></p>`
    : '';
  const body = html`<nav class="tabs" aria-label="${t.recordsHeading}">${tab('audit', t.auditTab)}${tab('terms', t.termsTab)}</nav>${filters(frame, filter)}
<p><a href="${frame.path}/records/export?${recordsQuery(filter)}" download>${t.exportCsv}</a></p>${table}${next}`;
  return consolePage({ frame, section: 'records', heading: t.recordsHeading, body, notice: view.notice });
}
