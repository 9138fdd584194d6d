/**
 * An invite link as a QR code in SVG, drawn on the server: qrcode-generator (MIT, no dependencies, no
 * network) finds the modules, and one `<path>` draws them, so the code prints sharp at any size.
 */
import qrcode from 'qrcode-generator';
import { html, type Markup } from '../layout.js';

/** Four modules of quiet zone, as the QR standard asks, so a phone finds the code's edge. */
const QUIET = 4;

/** The dark modules of `text` (byte mode, error correction M, the smallest version that holds it). */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)));
}

export function qrSvg(text: string, label: string): Markup {
  // Byte mode here takes each character's low byte: anything beyond ASCII goes in percent-encoded, as in a URL.
  const modules = qrModules(text.replace(/[^\x20-\x7e]/g, (ch) => encodeURIComponent(ch)));
  const size = modules.length + 2 * QUIET;
  let d = '';
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
    });
  });
  return html`<svg class="qr" role="img" aria-label="${label}" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg"><path d="${d}"></path></svg>`;
}
