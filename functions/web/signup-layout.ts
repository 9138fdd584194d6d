/**
 * The frame of every sign-up page: `<html lang dir>` from the chosen catalogue, the tenant's brand, the
 * language switcher, the page's script (signup-script.ts: every step works without it), and the headers (a CSP
 * whose only inline allowance is this response's nonce).
 */
import type { PagesConfig } from '../config/pages-config.js';
import { CATALOGUES } from './i18n/pick-language.js';
import type { Messages } from './i18n/en.js';
import { html, type Markup, type Page } from './layout.js';
import { scriptTag } from './signup-script.js';
import { SIGNUP_CSS_FILE } from './signup-style.js';

/** What every step needs to draw its frame and its form. */
export interface PageFrame {
  t: Messages;
  brand: PagesConfig['brand'];
  /** The page's path (`/signup`): forms post to it, the stylesheet is under it. */
  path: string;
  /** The CSRF field's value for this sign-up. */
  csrf: string;
  nonce: string;
  /** The languages offered (the switcher). */
  languages: readonly string[];
  /** The "Forgot password" page, linked from every sign-up page when the tenant has one. */
  resetPath?: string;
}

/** Extra sources a step needs (a captcha provider's), beside the page's own. */
export interface ExternalSources {
  script?: string;
  frame?: string;
}

export function pageHeaders(nonce: string, brand: PagesConfig['brand'], external: ExternalSources = {}): Record<string, string> {
  const img = ["'self'", brand.logoUrl ? new URL(brand.logoUrl).origin : ''].filter(Boolean).join(' ');
  const script = [`'nonce-${nonce}'`, external.script ?? ''].filter(Boolean).join(' ');
  const frame = external.frame ?? "'none'";
  return {
    'Content-Security-Policy': `default-src 'none'; script-src ${script}; style-src 'self' 'nonce-${nonce}'; img-src ${img}; frame-src ${frame}; connect-src 'self'${external.frame ? ` ${external.frame}` : ''}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** The tenant's colours, as CSS variables in a nonce'd style element (fixed: the system's dark mode does not replace them). */
function brandColours(frame: PageFrame): Markup | undefined {
  const colors = frame.brand.colors;
  if (!colors) return undefined;
  // The values are hex colours (the config schema checks them), so nothing here can leave the declaration.
  return html`<style nonce="${frame.nonce}">:root{--accent:${colors.accent};--bg:${colors.background};--text:${colors.text}}</style>`;
}

function languageSwitcher(frame: PageFrame): Markup | undefined {
  const offered = frame.languages.filter((l) => CATALOGUES[l]);
  if (offered.length < 2) return undefined;
  const links = offered.map((lang) => {
    const name = CATALOGUES[lang]!.languageName;
    return lang === frame.t.lang
      ? html`<li><span lang="${lang}" aria-current="true">${name}</span></li>`
      : html`<li><a href="${frame.path}?lang=${lang}" hreflang="${lang}" lang="${lang}">${name}</a></li>`;
  });
  return html`<nav aria-label="${frame.t.languageSwitcher}"><ul>${links}</ul></nav>`;
}

export interface DocumentParts {
  frame: PageFrame;
  /** The `<title>` and the `<h1>`. */
  heading: string;
  /** `data-step` on `<main>`: the DOM contract the browser tests read. */
  step: string;
  body: Markup;
  head?: Markup;
}

export function signupDocument({ frame, heading, step, body, head }: DocumentParts): string {
  const { t, brand } = frame;
  const logo = brand.logoUrl ? html`<img src="${brand.logoUrl}" alt="">` : undefined;
  const support = brand.supportUrl ? html`<a href="${brand.supportUrl}">${t.supportLink}</a>` : undefined;
  const forgot = frame.resetPath ? html`<a href="${frame.resetPath}" data-forgot-password>${t.forgotLink}</a>` : undefined;
  return html`<!doctype html>
<html lang="${t.lang}" dir="${t.dir}"${brand.colors ? html` data-fixed-colors` : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · ${brand.name}</title>
<link rel="stylesheet" href="${frame.path}/static/${SIGNUP_CSS_FILE}">${brandColours(frame)}${scriptTag(frame.path, frame.nonce, t)}${head}</head>
<body><div class="page"><header>${logo}<span class="brand">${brand.name}</span></header>
<main data-step="${step}"><h1>${heading}</h1>${body}</main>
<footer>${languageSwitcher(frame)}${forgot}${support}</footer></div></body></html>`.toString();
}

/** A complete page with its headers. */
export function signupPage(parts: DocumentParts, external?: ExternalSources): Page {
  return { html: signupDocument(parts), headers: pageHeaders(parts.frame.nonce, parts.frame.brand, external) };
}
