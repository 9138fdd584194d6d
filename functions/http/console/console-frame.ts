/** A console page's frame for this request, and the one way console pages are sent. */
import type { Context } from 'hono';
import type { Page } from '../../web/layout.js';
import { pickConsoleLanguage } from '../../web/console/console-i18n.js';
import type { ConsoleFrame, ConsoleSection } from '../../web/console/console-layout.js';
import { CONSOLE_PATH, type ConsoleDeps } from './console-deps.js';
import type { ConsoleState } from './console-state.js';

export function sectionsOf(deps: ConsoleDeps): ConsoleSection[] {
  return [
    'overview',
    'tokens',
    ...(deps.approvals ? (['approvals'] as const) : []),
    ...(deps.switches ? (['switches'] as const) : []),
    'records',
  ];
}

export function consoleFrame(c: Context, deps: ConsoleDeps, state: ConsoleState): ConsoleFrame {
  return {
    t: pickConsoleLanguage({ cookie: state.lang, acceptLanguage: c.req.header('accept-language') }),
    path: CONSOLE_PATH,
    brand: deps.config.pages?.brand.name ?? deps.config.serverName,
    csrf: deps.cookies.csrfOf(state),
    operator: state.operator?.name,
    sections: sectionsOf(deps),
  };
}

export const sendPage = (c: Context, page: Page, status: 200 | 400 | 403 | 404 | 429 | 503 = 200) =>
  c.html(page.html, status, page.headers);

/** After a form: back to a section (303, so a reload does not send the form again), with a notice to show. */
export const backTo = (c: Context, where: string, notice?: Record<string, string>) =>
  c.redirect(notice ? `${CONSOLE_PATH}${where}?${new URLSearchParams(notice)}` : `${CONSOLE_PATH}${where}`, 303);
