/**
 * The console's stylesheet, served under a name that changes with its content. Plain, dense, readable: light
 * and dark follow the system; focus is always visible; charts take their colours from the same variables.
 */
import { createHash } from 'node:crypto';

export const CONSOLE_CSS = `:root{--accent:#0b6b53;--bg:#ffffff;--text:#1b1d22;--muted:#50545c;--error:#a4262c;--line:#c7cad1;--field:#ffffff;--bar:#0b6b53;--bar2:#7a4fb0;--soft:#eef1f4;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--accent:#5fd0ae;--bg:#15181d;--text:#eceef2;--muted:#b0b6c0;--error:#ff8a8f;--line:#4a505b;--field:#1f232a;--bar:#5fd0ae;--bar2:#c4a3f0;--soft:#22262e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:2}
header.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
header.bar .brand{font-weight:700}
header.bar nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header.bar nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header.bar .who{margin-inline-start:auto;display:flex;gap:.75rem;align-items:center;color:var(--muted)}
header.bar .who form{margin:0}
main{max-width:72rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
a{color:var(--accent)}
label{display:block;font-weight:600;margin-top:.75rem}
.hint{display:block;color:var(--muted);font-size:.9rem;font-weight:400}
input[type=text],input[type=password],input[type=number],input[type=date],input[type=search]{font:inherit;padding:.45rem .55rem;border:1px solid var(--line);border-radius:.35rem;background:var(--field);color:var(--text);min-width:16rem}
input:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{font:inherit;font-weight:600;padding:.45rem 1rem;border:1px solid var(--accent);border-radius:.35rem;background:var(--accent);color:var(--bg);cursor:pointer;margin-top:.75rem}
button.secondary{background:transparent;color:var(--accent)}
button.danger{background:transparent;color:var(--error);border-color:var(--error);margin:0}
header.bar button{margin:0}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.5rem 1rem 1rem;margin:1rem 0}
legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin-top:.4rem}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1.5rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem}
.card h2{margin-top:0}
td label{display:inline;margin:0;font-weight:400}
.notice{border-inline-start:4px solid var(--accent);padding:.35rem .75rem;margin:.75rem 0;background:var(--soft)}
.error{color:var(--error);font-weight:600}
.notice.error{border-color:var(--error)}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}
th,td{text-align:start;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600}
td.num,th.num{text-align:end;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere;direction:ltr;unicode-bidi:isolate}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.75rem;margin:0;padding:0}
.stats div{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem}
.stats dt{color:var(--muted);font-size:.9rem}.stats dd{margin:0;font-size:1.35rem;font-weight:700}
svg.chart{width:100%;height:auto;max-width:48rem;display:block}
svg.chart text{fill:var(--text);font-size:13px;font-family:inherit}
svg.chart .bar{fill:var(--bar)}svg.chart .bar2{fill:var(--bar2)}svg.chart .track{fill:var(--soft)}svg.chart .axis{stroke:var(--line)}
.legend{display:flex;gap:1rem;font-size:.9rem;color:var(--muted)}.legend span::before{content:"";display:inline-block;width:.8rem;height:.8rem;margin-inline-end:.3rem;vertical-align:-.1rem;background:var(--bar)}
.legend span.second::before{background:var(--bar2)}
svg.qr{width:10rem;height:10rem;background:#fff;display:block}svg.qr path{fill:#000}
details summary{cursor:pointer;color:var(--accent)}
.tabs{display:flex;gap:1rem;margin:.5rem 0 1rem}.tabs a[aria-current=page]{font-weight:700}
.filters{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:flex-end}
.filters label{margin-top:0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{max-width:72rem;margin:2rem auto;padding:0 1.25rem;color:var(--muted);font-size:.9rem}
footer ul{list-style:none;display:flex;gap:.75rem;padding:0}
`;

export const CONSOLE_CSS_FILE = `console-${createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 12)}.css`;
