/** The console's drawing: the QR code of an invite link, the charts, and that what a tenant or a client supplies is escaped. */
import { describe, expect, it } from 'vitest';
import { barChart, pairedColumns } from '../../functions/web/console/console-charts.js';
import { qrModules, qrSvg } from '../../functions/web/console/console-qr.js';

/** A finder pattern: a 7×7 dark ring, a light ring inside it, a 3×3 dark centre. */
function hasFinderAt(m: boolean[][], top: number, left: number): boolean {
  for (let y = 0; y < 7; y++)
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(y - 3), Math.abs(x - 3));
      if (m[top + y]![left + x] !== (ring !== 2)) return false;
    }
  return true;
}

describe('the invite link QR code', () => {
  it('is a QR symbol of the version a 60-character link needs, with its three finder patterns', () => {
    const link = 'https://chat.example.org/signup?token=ABCDEFGHIJKLMNOPQRSTUV';
    const m = qrModules(link);
    // Version 4 (33×33) holds up to 62 bytes at error correction M; version 3 only 42.
    expect(m.length).toBe(33);
    expect(hasFinderAt(m, 0, 0) && hasFinderAt(m, 0, 26) && hasFinderAt(m, 26, 0)).toBe(true);
    expect(hasFinderAt(m, 26, 26)).toBe(false);
  });

  it('is drawn as one path with a quiet zone, and its label is escaped', () => {
    const svg = qrSvg('https://x.example/signup?token=a', 'QR "code" <for> a').toString();
    expect(svg).toMatch(/^<svg class="qr" role="img" aria-label="QR &quot;code&quot; &lt;for&gt; a" viewBox="0 0 (\d+) \1"/);
    expect(svg.match(/<path /g)).toHaveLength(1);
    // The quiet zone: no module drawn in the first four rows or columns.
    expect(svg).toMatch(/d="M4 4h1v1h-1z/);
  });

  it('encodes a link that is not ASCII percent-encoded rather than losing its bytes', () => {
    expect(qrSvg('https://bücher.example/signup?token=a', 'x').toString()).not.toEqual(
      qrSvg('https://bxcher.example/signup?token=a', 'x').toString(),
    );
  });
});

describe('the charts', () => {
  it('draw the longest bar across the track and escape labels', () => {
    const svg = barChart(
      [
        { label: '<b>Started</b>', value: 10 },
        { label: 'Done', value: 5 },
      ],
      'funnel',
    ).toString();
    expect(svg).toContain('&lt;b&gt;Started&lt;/b&gt;');
    const widths = [...svg.matchAll(/class="bar" x="\d+" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(widths[1]! * 2);
  });

  it('draw zero columns when nothing was counted, without dividing by zero', () => {
    const svg = pairedColumns([{ label: '10:00', first: 0, second: 0 }], 'none').toString();
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('height="0"');
  });
});
