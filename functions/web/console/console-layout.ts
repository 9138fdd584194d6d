/**
 * The frame of every console page: `<html lang dir>`, a skip link, the section navigation and who is
 * signed in (with the sign-out form), and the headers: a CSP with no script at all (the console needs
 * none: every action is a form) and no framing.
 */
import { html, type Markup, type Page } from '../layout.js';
import type { ConsoleKey, ConsoleMessages } from './console-en.js';
import { CONSOLE_CATALOGUES, say } from './console-i18n.js';
import { CONSOLE_CSS_FILE } from './console-style.js';

export type ConsoleSection = 'overview' | 'tokens' | 'approvals' | 'switches' | 'records' | 'sign-in';

/** What every page needs to draw its frame and its forms. */
export interface ConsoleFrame {
  t: ConsoleMessages;
  /** The console's base path (`/_front_door/console`). */
  path: string;
  /** The tenant's name for itself (the server name, or the brand). */
  brand: string;
  /** The CSRF field's value. */
  csrf: string;
  /** Who is signed in (absent on the sign-in page). */
  operator?: string;
  /** Which sections this front door offers (the others are not linked). */
  sections: readonly ConsoleSection[];
}

export const consoleHeaders = (): Record<string, string> => ({
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

/** The hidden CSRF field every form carries. */
export const csrfField = (frame: ConsoleFrame): Markup => html`<input type="hidden" name="csrf" value="${frame.csrf}">`;

const SECTION_WORDS: Record<Exclude<ConsoleSection, 'sign-in'>, ConsoleKey> = {
  overview: 'navOverview',
  tokens: 'navTokens',
  approvals: 'navApprovals',
  switches: 'navSwitches',
  records: 'navRecords',
};

export const sectionHref = (frame: ConsoleFrame, section: Exclude<ConsoleSection, 'sign-in'>) =>
  section === 'overview' ? frame.path : `${frame.path}/${section}`;

function navigation(frame: ConsoleFrame, current: ConsoleSection): Markup {
  const links = frame.sections
    .filter((s): s is Exclude<ConsoleSection, 'sign-in'> => s !== 'sign-in')
    .map(
      (s) =>
        html`<li><a href="${sectionHref(frame, s)}"${s === current ? html` aria-current="page"` : ''}>${frame.t[SECTION_WORDS[s]]}</a></li>`,
    );
  return html`<nav aria-label="${frame.t.mainNav}"><ul>${links}</ul></nav>`;
}

function whoIsIn(frame: ConsoleFrame): Markup | undefined {
  if (!frame.operator) return undefined;
  return html`<div class="who"><span>${say(frame.t, 'signedInAs', { name: frame.operator })}</span><form method="post" action="${frame.path}/sign-out">${csrfField(frame)}<button type="submit" class="secondary">${frame.t.signOut}</button></form></div>`;
}

function languages(frame: ConsoleFrame, section: ConsoleSection): Markup | undefined {
  const offered = Object.values(CONSOLE_CATALOGUES);
  if (offered.length < 2) return undefined;
  // The same section in another language (the choice is kept in the session's cookie).
  const here = section === 'sign-in' ? `${frame.path}/sign-in` : sectionHref(frame, section);
  const items = offered.map((m) =>
    m.lang === frame.t.lang
      ? html`<li><span lang="${m.lang}" aria-current="true">${m.languageName}</span></li>`
      : html`<li><a href="${here}?lang=${m.lang}" hreflang="${m.lang}" lang="${m.lang}">${m.languageName}</a></li>`,
  );
  return html`<footer><nav aria-label="${frame.t.languageSwitcher}"><ul>${items}</ul></nav></footer>`;
}

export interface ConsolePageParts {
  frame: ConsoleFrame;
  section: ConsoleSection;
  heading: string;
  body: Markup;
  /** A notice at the top (what the last action did), and whether it reports a problem. */
  notice?: { text: string; error?: boolean };
}

export function consolePage({ frame, section, heading, body, notice }: ConsolePageParts): Page {
  const { t } = frame;
  const shown = notice
    ? html`<p class="notice${notice.error ? ' error' : ''}" role="${notice.error ? 'alert' : 'status'}">${notice.text}</p>`
    : undefined;
  const nav = frame.operator ? navigation(frame, section) : undefined;
  const document = html`<!doctype html>
<html lang="${t.lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · ${t.consoleTitle} · ${frame.brand}</title>
<link rel="stylesheet" href="${frame.path}/static/${CONSOLE_CSS_FILE}"></head>
<body><a class="skip" href="#content">${t.skipToContent}</a>
<header class="bar"><span class="brand">${frame.brand} · ${t.consoleTitle}</span>${nav}${whoIsIn(frame)}</header>
<main id="content" tabindex="-1" data-section="${section}"><h1>${heading}</h1>${shown}${body}</main>${languages(frame, section)}</body></html>`;
  return { html: document.toString(), headers: consoleHeaders() };
}
