/** The HTML pages a person sees after clicking the link in a verification mail. */
import { html, layout, raw } from './layout.js';
import type { SubmitResult } from '../threepid/submit-token.js';

/** One page for each thing a submission can come to. */
export type PageKind = SubmitResult['kind'];

const PAGES: Record<PageKind, { title: string; body: string }> = {
  validated: {
    title: 'Email address confirmed',
    body: 'Your email address is confirmed. Go back to the app where you are signing up to continue.',
  },
  'wrong-token': {
    title: 'This link is not valid',
    body: 'The link does not match the one we sent. Open the link from the newest mail, or ask the app to send a new one.',
  },
  locked: { title: 'Too many attempts', body: 'This confirmation was tried too often. Ask the app to send a new mail.' },
  expired: { title: 'This link has expired', body: 'Confirmation links work for a limited time. Ask the app to send a new mail.' },
  unknown: {
    title: 'Unknown confirmation link',
    body: 'We do not know this link: it may be incomplete or very old. Ask the app to send a new mail.',
  },
  'wrong-secret': {
    title: 'This link does not belong to this sign-up',
    body: 'The link was changed or belongs to another sign-up. Open it exactly as it came in the mail.',
  },
  'bad-request': {
    title: 'Incomplete confirmation link',
    body: 'The link is missing a part. Open it exactly as it came in the mail, or copy the whole address.',
  },
};

/** Pages carry no script and may not be framed; only their own inline style is allowed. */
export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The result pages' stylesheet: the heading green for a confirmation, red for anything else. */
const style = (ok: boolean) =>
  raw(`body{font-family:system-ui,sans-serif;color:#1b1d22;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.4rem;color:${ok ? '#0d7a5f' : '#a4262c'}}.brand{color:#666;font-size:.9rem}`);

/** A confirmed reset's link: the person goes back to where the reset began, not to a sign-up. */
const RESET_VALIDATED = {
  title: 'Email address confirmed',
  body: 'Your email address is confirmed. Go back to the app where you asked to reset your password, and choose the new one there.',
};

/** `purpose`: what the validation was for (model/validation-session.ts); a sign-up's when absent. */
export function resultPage(kind: PageKind, brand: string, purpose?: string): string {
  const page = kind === 'validated' && purpose === 'reset' ? RESET_VALIDATED : PAGES[kind];
  return layout({
    title: `${page.title} · ${brand}`,
    style: style(kind === 'validated'),
    body: html`<p class="brand">${brand}</p><h1>${page.title}</h1><p>${page.body}</p>`,
  });
}
