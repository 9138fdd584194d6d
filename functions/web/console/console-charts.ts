/**
 * Charts as server-drawn SVG (no script, no chart framework): horizontal bars for the funnel, paired
 * columns for started/completed over time. Each is an image with a text alternative; the numbers are also
 * in a table beside it, so nothing is only in the picture.
 */
import { html, type Markup } from '../layout.js';

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 720;

/** One bar per row, the longest spanning the chart; the count written after each bar. */
export function barChart(bars: readonly Bar[], label: string): Markup {
  const rowHeight = 30;
  const labelWidth = 260;
  const room = WIDTH - labelWidth - 70;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 6;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 4;
    const width = Math.round((bar.value / max) * room);
    return html`<text x="0" y="${y + 17}">${truncate(bar.label, 34)}</text><rect class="track" x="${labelWidth}" y="${y}" width="${room}" height="22" rx="3"></rect><rect class="bar" x="${labelWidth}" y="${y}" width="${width}" height="22" rx="3"></rect><text x="${labelWidth + width + 6}" y="${y + 17}">${bar.value}</text>`;
  });
  return html`<svg class="chart" role="img" aria-label="${label}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`;
}

export interface Column {
  /** The bucket's name on the axis (a day, an hour). */
  label: string;
  first: number;
  second: number;
}

/** Two columns per bucket (e.g. started and completed), with a label under every few buckets. */
export function pairedColumns(columns: readonly Column[], label: string): Markup {
  const height = 180;
  const base = height - 24;
  const slot = WIDTH / Math.max(1, columns.length);
  const bar = Math.max(1, slot / 2 - 1);
  const max = Math.max(1, ...columns.flatMap((c) => [c.first, c.second]));
  const scale = (n: number) => Math.round((n / max) * (base - 16));
  const every = Math.ceil(columns.length / 8);
  const shapes = columns.map((c, i) => {
    const x = i * slot;
    const tick = i % every === 0 ? html`<text x="${x}" y="${height - 6}">${c.label}</text>` : '';
    return html`<rect class="bar" x="${x.toFixed(1)}" y="${base - scale(c.first)}" width="${bar.toFixed(1)}" height="${scale(c.first)}"></rect><rect class="bar2" x="${(x + bar).toFixed(1)}" y="${base - scale(c.second)}" width="${bar.toFixed(1)}" height="${scale(c.second)}"></rect>${tick}`;
  });
  return html`<svg class="chart" role="img" aria-label="${label}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="12">${max}</text><line class="axis" x1="0" x2="${WIDTH}" y1="${base + 0.5}" y2="${base + 0.5}"></line>${shapes}</svg>`;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
