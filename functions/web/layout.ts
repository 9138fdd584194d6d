/**
 * The one layout of every page the front door serves, and the way pages are written: `html` (hono/html)
 * is a tagged template that escapes every interpolated value unless it is markup `html` made itself, so
 * whatever a tenant or a client supplies reaches a page escaped, with no call to forget.
 */
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export { raw };

/** Markup made by `html` (or, for the front door's own constants, `raw`): interpolated as it is. */
export type Markup = HtmlEscapedString;

/**
 * hono/html's `html`, kept synchronous: it answers a promise only when a value is one, and pages
 * interpolate strings and markup only, so a promise here is a bug worth failing loudly on.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const markup = honoHtml(strings, ...values);
  if (markup instanceof Promise) throw new Error('a page interpolated a promise');
  return markup;
}

/** A page and the headers it must be served with (its Content-Security-Policy above all). */
export interface Page {
  html: string;
  headers: Record<string, string>;
}

export interface PageParts {
  /** The document title (escaped). */
  title: string;
  /** The page's own stylesheet, a constant of its module. */
  style: Markup;
  /** Extra elements in the head (a provider's script). */
  head?: Markup;
  body: Markup;
}

export function layout({ title, style, head, body }: PageParts): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${head}
<style>${style}</style></head>
<body>${body}</body></html>`.toString();
}
