/**
 * The operator console under `/_front_door/admin/console`: its stylesheet, sign-in and sign-out, and behind a
 * live session the sections (overview, invitations, approvals, switches, records). Served by the admin
 * part (the only part with the operator keys), from the same web/ layer as the sign-up page.
 */
import { Hono } from 'hono/tiny';
import { html } from '../../web/layout.js';
import { consolePage } from '../../web/console/console-layout.js';
import { CONSOLE_CSS, CONSOLE_CSS_FILE } from '../../web/console/console-style.js';
import { consoleApprovalRoutes } from './console-approvals.js';
import { consoleAuthRoutes } from './console-auth.js';
import { consoleGuard } from './console-guard.js';
import { CONSOLE_PATH, type ConsoleDeps } from './console-deps.js';
import { consoleFrame, sendPage } from './console-frame.js';
import { consoleOverviewRoutes } from './console-overview.js';
import { consoleRecordRoutes } from './console-records.js';
import { consoleSwitchRoutes } from './console-switches.js';
import { consoleTokenRoutes } from './console-tokens.js';

export { CONSOLE_PATH } from './console-deps.js';

export function consoleRoutes(deps: ConsoleDeps): Hono {
  const pages = new Hono();
  pages.get(`/static/${CONSOLE_CSS_FILE}`, (c) =>
    c.body(CONSOLE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    }),
  );
  pages.route('/', consoleAuthRoutes(deps));
  const guarded = new Hono();
  guarded.use('*', consoleGuard(deps));
  for (const section of [
    consoleOverviewRoutes(deps),
    consoleTokenRoutes(deps),
    consoleApprovalRoutes(deps),
    consoleSwitchRoutes(deps),
    consoleRecordRoutes(deps),
  ])
    guarded.route('/', section);
  guarded.all('*', (c) => {
    const frame = consoleFrame(c, deps, c.get('consoleState'));
    const page = consolePage({ frame, section: 'overview', heading: frame.t.notFoundHeading, body: html`<p>${frame.t.notFoundBody}</p>` });
    return sendPage(c, page, 404);
  });
  pages.route('/', guarded);
  const app = new Hono();
  app.route(CONSOLE_PATH, pages);
  return app;
}
