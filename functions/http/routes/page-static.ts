/** The hosted pages' stylesheet and script, each under its content-hashed name: cached for good, never sniffed. */
import type { Hono } from 'hono';
import { SIGNUP_SCRIPT_STATIC } from '../../web/signup-script.js';
import { SIGNUP_STATIC } from '../../web/signup-style.js';

const STATIC_FILES = { ...SIGNUP_STATIC, ...SIGNUP_SCRIPT_STATIC };

/** Serves `<path>/static/<file>` on `routes` (each page links them under its own path). */
export function serveStaticFiles(routes: Hono, path: string): void {
  routes.get(`${path}/static/:file`, (c) => {
    const file = STATIC_FILES[c.req.param('file')];
    if (!file) return c.text('Not found', 404);
    return c.body(file.body, 200, {
      'Content-Type': file.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
