/** The console's overview: the sign-up counters of a period, summed and bucketed for the charts. */
import { Hono } from 'hono/tiny';
import { HOUR_MS, type HourCounts, hourOf, sumCounts } from '../../model/signup-counts.js';
import type { Column } from '../../web/console/console-charts.js';
import { type OverviewRange, type OverviewView, overviewPage, RANGES } from '../../web/console/console-overview-page.js';
import type { ConsoleDeps } from './console-deps.js';
import { consoleFrame, sendPage } from './console-frame.js';

const DAY_MS = 24 * HOUR_MS;
const SPAN: Record<OverviewRange, { buckets: number; size: number }> = {
  '24h': { buckets: 24, size: HOUR_MS },
  '7d': { buckets: 7, size: DAY_MS },
  '30d': { buckets: 30, size: DAY_MS },
};

/** The tenant's stages in the order its flows name them. */
export const flowStages = (deps: ConsoleDeps) => [...new Set(deps.config.registration.flows.flat())];

/** Buckets ending with the current hour (or day), oldest first; hours with nothing counted are zero. */
export function columnsOf(hours: readonly HourCounts[], range: OverviewRange, now: number): Column[] {
  const { buckets, size } = SPAN[range];
  const last = size === HOUR_MS ? hourOf(now) : Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: buckets }, (_, i) => {
    const start = last - (buckets - 1 - i) * size;
    const inside = hours.filter((h) => h.hourStart >= start && h.hourStart < start + size);
    const iso = new Date(start).toISOString();
    return {
      label: size === HOUR_MS ? iso.slice(11, 16) : iso.slice(5, 10),
      first: inside.reduce((n, h) => n + h.started, 0),
      second: inside.reduce((n, h) => n + h.completed, 0),
    };
  });
}

export function consoleOverviewRoutes(deps: ConsoleDeps): Hono {
  const routes = new Hono();
  routes.get('/', async (c) => {
    const frame = consoleFrame(c, deps, c.get('consoleState'));
    const asked = c.req.query('range');
    const range: OverviewRange = RANGES.includes(asked as OverviewRange) ? (asked as OverviewRange) : '24h';
    const now = deps.clock.now();
    const notice = c.req.query('notice') === 'csrf' ? { text: frame.t.csrfFailed, error: true } : undefined;
    const view: OverviewView = { range, stages: flowStages(deps), columns: [], today: { smsSent: 0, smsSpendUsd: 0 } };
    if (deps.counters) {
      const { buckets, size } = SPAN[range];
      const from = (size === HOUR_MS ? hourOf(now) : Math.floor(now / DAY_MS) * DAY_MS) - (buckets - 1) * size;
      const hours = await deps.counters.read({ from, until: now + 1 });
      const today = sumCounts(hours.filter((h) => h.hourStart >= Math.floor(now / DAY_MS) * DAY_MS));
      view.total = sumCounts(hours);
      view.columns = columnsOf(hours, range, now);
      view.today = { smsSent: today.smsSent, smsSpendUsd: today.smsSpendUsd, ceiling: deps.config.rateLimits?.smsPerDay };
    }
    return sendPage(c, overviewPage(frame, view, notice));
  });
  return routes;
}
