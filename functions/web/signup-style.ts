/**
 * The sign-up page's stylesheet, served from `<path>/static/` under a name that changes with its content
 * (so it can be cached forever). Light and dark follow the system; the tenant's colours are CSS variables.
 */
import { createHash } from 'node:crypto';

export const SIGNUP_CSS = `:root{--accent:#0d7a5f;--bg:#ffffff;--text:#1b1d22;--muted:#545861;--error:#a4262c;--line:#c7cad1;--field:#ffffff;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root:not([data-fixed-colors]){--accent:#4fc7a4;--bg:#15181d;--text:#eceef2;--muted:#aab0ba;--error:#ff8a8f;--line:#4a505b;--field:#1f232a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
.page{max-width:34rem;margin:0 auto;padding:2rem 1rem 3rem}
header{display:flex;align-items:center;gap:.75rem;margin-bottom:1.5rem}
header img{max-height:2.5rem;max-width:8rem}
header .brand{font-weight:600;font-size:1.1rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
p.step{color:var(--muted);margin:0 0 .25rem;font-size:.9rem}
label{display:block;font-weight:600;margin-top:1rem}
.hint{display:block;color:var(--muted);font-size:.9rem;margin:.15rem 0 .35rem}
input[type=text],input[type=email],input[type=tel],input[type=password],select{display:block;width:100%;font:inherit;padding:.55rem .65rem;border:1px solid var(--line);border-radius:.4rem;background:var(--field);color:var(--text)}
input[readonly]{background:transparent;border-style:dashed}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
input[aria-invalid=true]{border-color:var(--error);border-width:2px}
fieldset{border:0;padding:0;margin:1rem 0 0}
legend{font-weight:600;padding:0}
.choice{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin-top:.6rem}
.choice input{margin-top:.35rem;width:1.1rem;height:1.1rem;flex:none}
button{font:inherit;font-weight:600;margin-top:1.5rem;padding:.65rem 1.4rem;border:0;border-radius:.4rem;background:var(--accent);color:var(--bg);cursor:pointer}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent);margin-top:.75rem}
a{color:var(--accent)}
.error{color:var(--error);font-weight:600;margin:.35rem 0}
.notice{border-inline-start:4px solid var(--accent);padding:.25rem .75rem;margin:1rem 0}
.suggestions{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.35rem 0}
.suggestions code,.matrix-id{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.matrix-id{display:block;font-size:1.2rem;font-weight:600;margin:.5rem 0 1rem;overflow-wrap:anywhere}
/* Matrix IDs, addresses, numbers and codes read left to right, also on a right-to-left page. */
input[name=username],input[name=email],input[name=phone],input[name=code],input[name=token],.matrix-id,code{direction:ltr;unicode-bidi:isolate}
[dir=rtl] input[name=username],[dir=rtl] input[name=email],[dir=rtl] input[name=phone],[dir=rtl] input[name=code],[dir=rtl] input[name=token],[dir=rtl] .matrix-id{text-align:right}
.done li{margin:.6rem 0}
footer{margin-top:2.5rem;color:var(--muted);font-size:.9rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
footer nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;padding:0;margin:0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** The stylesheet's immutable file name: a new name whenever its content changes. */
export const SIGNUP_CSS_FILE = `signup-${createHash('sha256').update(SIGNUP_CSS).digest('hex').slice(0, 12)}.css`;

/** Static files by name: what `<path>/static/<file>` serves. */
export const SIGNUP_STATIC: Record<string, { body: string; type: string }> = {
  [SIGNUP_CSS_FILE]: { body: SIGNUP_CSS, type: 'text/css; charset=utf-8' },
};
