/**
 * The overview: the sign-up funnel of a period (started → each stage passed → account made, each with its
 * share of those who started), refusals by reason, started/completed over time, and messages and limits
 * (mails, SMS against the daily ceiling, the spend estimate, 429s). Charts with their numbers in tables.
 */
import type { SignupCounts } from '../../model/signup-counts.js';
import { html, type Markup, type Page } from '../layout.js';
import { barChart, type Bar, type Column, pairedColumns } from './console-charts.js';
import { say } from './console-i18n.js';
import { type ConsoleFrame, consolePage } from './console-layout.js';

export const RANGES = ['24h', '7d', '30d'] as const;
export type OverviewRange = (typeof RANGES)[number];

export interface OverviewView {
  range: OverviewRange;
  /** Undefined when the front door keeps no counters. */
  total?: SignupCounts;
  /** The tenant's stages in flow order (the funnel's middle rows). */
  stages: string[];
  columns: Column[];
  today: { smsSent: number; smsSpendUsd: number; ceiling?: number };
}

const RANGE_WORDS = { '24h': 'range24h', '7d': 'range7d', '30d': 'range30d' } as const;

function rangeLinks(frame: ConsoleFrame, current: OverviewRange): Markup {
  const links = RANGES.map((r) =>
    r === current
      ? html`<a href="${frame.path}?range=${r}" aria-current="page">${frame.t[RANGE_WORDS[r]]}</a>`
      : html`<a href="${frame.path}?range=${r}">${frame.t[RANGE_WORDS[r]]}</a>`,
  );
  return html`<nav class="tabs" aria-label="${frame.t.rangeLabel}">${links}</nav>`;
}

/** The funnel's rows: started, each stage of the tenant's flows, completed. */
export function funnelBars(frame: ConsoleFrame, total: SignupCounts, stages: string[]): (Bar & { key: string })[] {
  const { t } = frame;
  return [
    { key: 'started', label: t.funnelStarted, value: total.started },
    ...stages.map((s) => ({ key: s, label: say(t, 'funnelStage', { stage: t.stageNames[s] ?? s }), value: total.passed[s] ?? 0 })),
    { key: 'completed', label: t.funnelCompleted, value: total.completed },
  ];
}

function funnel(frame: ConsoleFrame, view: OverviewView, total: SignupCounts): Markup {
  const { t } = frame;
  const bars = funnelBars(frame, total, view.stages);
  const share = (n: number) => (total.started > 0 ? Math.round((n / total.started) * 100) : 0);
  const summary = bars.map((b) => `${b.label} ${b.value}`).join(', ');
  const rows = bars.map(
    (b) =>
      html`<tr data-row="${b.key}"><th scope="row">${b.label}</th><td class="num" data-count="${b.value}">${say(t, 'funnelOfStarted', { count: b.value, percent: share(b.value) })}</td></tr>`,
  );
  return html`<section aria-labelledby="funnel"><h2 id="funnel">${t.funnelHeading}</h2>${barChart(bars, say(t, 'funnelChartLabel', { summary }))}
<table data-funnel><thead><tr><th scope="col">${t.stageColumn}</th><th scope="col" class="num">${t.countColumn}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function failures(frame: ConsoleFrame, total: SignupCounts): Markup {
  const { t } = frame;
  const rows = Object.entries(total.failed)
    .flatMap(([stage, reasons]) => Object.entries(reasons).map(([reason, n]) => ({ stage, reason, n })))
    .sort((a, b) => b.n - a.n);
  const table = rows.length
    ? html`<table><thead><tr><th scope="col">${t.stageColumn}</th><th scope="col">${t.reasonColumn}</th><th scope="col" class="num">${t.countColumn}</th></tr></thead><tbody>${rows.map(
        (r) => html`<tr><td>${t.stageNames[r.stage] ?? r.stage}</td><td><code>${r.reason}</code></td><td class="num">${r.n}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${t.failuresNone}</p>`;
  return html`<section aria-labelledby="failures"><h2 id="failures">${t.failuresHeading}</h2>${table}</section>`;
}

function overTime(frame: ConsoleFrame, view: OverviewView): Markup {
  const { t } = frame;
  const summary = view.columns.map((c) => `${c.label}: ${c.first}/${c.second}`).join(', ');
  const bucket = view.range === '24h' ? t.bucketHour : t.bucketDay;
  return html`<section aria-labelledby="over-time"><h2 id="over-time">${t.hourlyHeading}</h2><p class="legend" aria-hidden="true"><span>${t.funnelStarted}</span><span class="second">${t.funnelCompleted}</span></p>${pairedColumns(view.columns, say(t, 'hourlyChartLabel', { bucket, summary }))}</section>`;
}

function messages(frame: ConsoleFrame, view: OverviewView, total: SignupCounts): Markup {
  const { t } = frame;
  const { today } = view;
  const sms =
    today.ceiling === undefined
      ? say(t, 'smsNoCeiling', { count: today.smsSent })
      : say(t, 'smsTodayOfCeiling', { count: today.smsSent, ceiling: today.ceiling });
  const stat = (label: string, value: string | number, name: string) =>
    html`<div><dt>${label}</dt><dd data-stat="${name}">${value}</dd></div>`;
  return html`<section aria-labelledby="messages"><h2 id="messages">${t.messagesHeading}</h2><dl class="stats">
${stat(t.mailsSent, total.mailSent, 'mails')}${stat(t.smsSent, total.smsSent, 'sms')}${stat(t.smsToday, sms, 'sms-today')}${stat(t.rateLimited, total.rateLimited, 'rate-limited')}${stat(t.abandoned, total.abandoned, 'abandoned')}</dl>
<p>${say(t, 'smsSpendToday', { amount: today.smsSpendUsd.toFixed(2) })}</p></section>`;
}

export function overviewPage(frame: ConsoleFrame, view: OverviewView, notice?: { text: string; error?: boolean }): Page {
  const { t } = frame;
  const total = view.total;
  const body = total
    ? html`${rangeLinks(frame, view.range)}${funnel(frame, view, total)}${overTime(frame, view)}${failures(frame, total)}${messages(frame, view, total)}`
    : html`<p>${t.noCounters}</p>`;
  return consolePage({ frame, section: 'overview', heading: t.overviewHeading, body, notice });
}
