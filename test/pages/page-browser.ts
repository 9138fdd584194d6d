/**
 * A browser without a browser: keeps the sign-up cookie, reads the CSRF field from each form, and checks
 * what every answer of the page must carry (a CSP with a nonce and frame-ancestors 'none', no password).
 */
import type { Hono } from 'hono';
import { expect } from 'vitest';

export interface PageAnswer {
  status: number;
  html: string;
  location?: string;
  headers: Headers;
}

export class PageBrowser {
  private cookie = '';
  /** Every HTML answer seen, to check afterwards that no secret was ever in one. */
  readonly pages: string[] = [];

  constructor(
    private readonly app: Hono,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<PageAnswer> {
    return this.send(path, { method: 'GET' });
  }

  /** Posts a form; `csrf` comes from the last page unless given. */
  async post(path: string, fields: Record<string, string>, csrf = this.csrf()): Promise<PageAnswer> {
    const body = new URLSearchParams({ csrf, ...fields });
    return this.send(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** A GET that follows the page's own 303s, as a browser would. */
  async open(path: string): Promise<PageAnswer> {
    let answer = await this.get(path);
    for (let hops = 0; answer.location && hops < 5; hops++) answer = await this.get(answer.location);
    return answer;
  }

  /** A POST, then the page it redirects to. */
  async submit(path: string, fields: Record<string, string>, csrf?: string): Promise<PageAnswer> {
    const answer = await this.post(path, fields, csrf);
    return answer.location ? this.open(answer.location) : answer;
  }

  csrf(): string {
    return this.pages.at(-1)?.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
  }

  private async send(path: string, init: RequestInit): Promise<PageAnswer> {
    const url = new URL(path, 'http://localhost');
    const response = await this.app.request(`${url.pathname}${url.search}`, {
      ...init,
      headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(this.cookie ? { cookie: this.cookie } : {}) },
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const html = await response.text();
    const answer = { status: response.status, html, location: response.headers.get('location') ?? undefined, headers: response.headers };
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      this.pages.push(html);
      expectSafePage(answer);
    }
    return answer;
  }
}

/** What every page must carry: a CSP with this answer's nonce and no framing. */
export function expectSafePage(answer: PageAnswer): void {
  const csp = answer.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(answer.html).toMatch(/^<!doctype html>\n<html lang="[a-z]+" dir="(ltr|rtl)"/);
}

/** The value of `data-step` on the page's `<main>`. */
export const stepOf = (answer: PageAnswer) => answer.html.match(/<main data-step="([^"]+)"/)?.[1];
