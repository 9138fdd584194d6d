/**
 * The UIA fallback pages (captcha, terms, registration token): every value escaped, one nonce'd script
 * at most, and a CSP that allows only the captcha provider. The success page ends the way the spec
 * says: `window.onAuthDone()` if the opener defined it, else `postMessage("authDone")` to the opener.
 */
import { html, layout, raw, type Markup, type Page } from './layout.js';
import type { TermsConfig } from '../uia/stages/terms-config.js';
import type { CaptchaConfig } from '../uia/stages/captcha-config.js';
import { CAPTCHA_WIDGETS } from './captcha-widgets.js';

function headers(nonce: string | undefined, origins = ''): Record<string, string> {
  const script = [nonce ? `'nonce-${nonce}'` : '', origins].filter(Boolean).join(' ') || "'none'";
  const extra = origins ? ` ${origins}` : '';
  return {
    'Content-Security-Policy': `default-src 'none'; script-src ${script}; frame-src${extra || " 'none'"}; connect-src${extra || " 'none'"}; style-src 'unsafe-inline'${extra}; img-src 'self'${extra}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** The fallback pages' stylesheet: a narrow column, the error line, the form. */
const STYLE = raw(`body{font-family:system-ui,sans-serif;color:#1b1d22;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
.error{color:#a4262c}button{font-size:1rem;padding:.4rem 1rem;margin-top:1rem}input[type=text]{font-size:1rem;padding:.3rem;width:100%}`);

/** A fallback page: its title is its heading too. */
const fallbackLayout = (title: string, content: Markup, head?: Markup) =>
  layout({ title, style: STYLE, head, body: html`<h1>${title}</h1>${content}` });

const errorLine = (error?: string) => (error ? html`<p class="error" role="alert">${error}</p>` : undefined);
const sessionField = (session: string) => html`<input type="hidden" name="session" value="${session}">`;

export function captchaPage(config: CaptchaConfig, session: string, error?: string): Page {
  const provider = CAPTCHA_WIDGETS[config.provider];
  const head = html`<script src="${provider.script}" async defer></script>`;
  const body = html`<p>Please confirm that you are not a robot.</p>${errorLine(error)}
<form method="post">${sessionField(session)}
<div class="${provider.widget}" data-sitekey="${config.publicKey}"></div>
<button type="submit">Continue</button></form>`;
  return { html: fallbackLayout('Confirm you are human', body, head), headers: headers(undefined, provider.origins) };
}

export function termsPage(terms: TermsConfig, session: string, error?: string): Page {
  const items = Object.entries(terms.policies).map(([id, policy]) => {
    const text = policy.en ?? Object.entries(policy).find(([k]) => k !== 'version')?.[1];
    const doc = typeof text === 'object' ? text : { name: id, url: '#' };
    return html`<li><a href="${doc.url}" target="_blank" rel="noopener noreferrer">${doc.name}</a> (version ${policy.version})</li>`;
  });
  const body = html`<p>Please read and accept these policies to continue.</p>${errorLine(error)}<ul>${items}</ul>
<form method="post">${sessionField(session)}
<label><input type="checkbox" name="accept" value="yes" required> I have read and accept the policies above</label><br>
<button type="submit">Accept</button></form>`;
  return { html: fallbackLayout('Terms and conditions', body), headers: headers(undefined) };
}

export function tokenPage(session: string, error?: string): Page {
  const body = html`<p>This server needs a registration token to sign up.</p>${errorLine(error)}
<form method="post">${sessionField(session)}
<label for="token">Registration token</label>
<input type="text" id="token" name="token" maxlength="64" pattern="[A-Za-z0-9._~\\-]+" autocomplete="off" required>
<button type="submit">Continue</button></form>`;
  return { html: fallbackLayout('Registration token', body), headers: headers(undefined) };
}

export function donePage(nonce: string): Page {
  const script = html`<script nonce="${nonce}">
if (window.onAuthDone) { window.onAuthDone(); }
else if (window.opener && window.opener.postMessage) { window.opener.postMessage("authDone", "*"); }
</script>`;
  return {
    html: fallbackLayout('Thank you', html`<p>Thank you. You may now close this window and return to the application.</p>${script}`),
    headers: headers(nonce),
  };
}

/** Too many form submissions from this network: a page, since a person is looking at it (status 429). */
export function limitedPage(retryAfterSeconds: number): Page {
  const wait = retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  const body = html`<p class="error" role="alert">Too many attempts from your network. Please wait ${wait}, then go back and try again.</p>`;
  return { html: fallbackLayout('Please wait', body), headers: headers(undefined) };
}

/** The client's network is in one of the tenant's denied ranges: a page, since a person is looking at it (status 403). */
export function deniedPage(): Page {
  const body = html`<p class="error" role="alert">Sign-up is not open to the network you are connecting from. Try another connection, or contact the server operators if you think this is a mistake.</p>`;
  return { html: fallbackLayout('Not available from your network', body), headers: headers(undefined) };
}
