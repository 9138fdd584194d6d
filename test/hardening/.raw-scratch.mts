import net from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
const app = new Hono();
app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ errcode: 'M_TOO_LARGE', error: 'big' }, 413) }));
app.post('/read', async (c) => c.json({ n: (await c.req.text()).length }));
app.notFound((c) => c.json({ errcode: 'M_UNRECOGNIZED', error: 'x' }, 404));
let last: any;
const server = serve({ fetch: (req, env: any) => { last = env.incoming; return app.fetch(req, env); }, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const port = (server.address() as any).port;
server.on('connection', (s) => { const t0 = Date.now(); s.on('close', () => console.log('  server socket closed after', Date.now() - t0, 'ms')); });

async function trial(label: string, path: string, size: number) {
  const sock = net.connect(port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  let buf = '';
  sock.on('data', (d) => (buf += d.toString('latin1')));
  let closed = false; sock.on('close', () => (closed = true)); sock.on('error', (e) => console.log('  client error', (e as any).code));
  const body = 'x'.repeat(size);
  const t0 = Date.now();
  sock.write(`POST ${path} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
  if (process.env.SLOW) { await new Promise((r) => setTimeout(r, 20)); for (let o = 0; o < size; o += 8192) { sock.write(body.slice(o, o + 8192)); await new Promise((r) => setTimeout(r, 1)); } } else sock.write(body);
  while (!buf.includes('HTTP/1.1') || !/\r\n\r\n[\s\S]*\}/.test(buf)) { if (closed) break; await new Promise((r) => setTimeout(r, 2)); }
  const first = buf.split('\r\n')[0];
  buf = '';
  await new Promise((r) => setTimeout(r, 300));
  console.log('   at 300ms: flowing', last.readableFlowing, 'ended', last.readableEnded, 'buffered', last.readableLength, 'bytesRead', last.socket?.bytesRead);
  sock.write(`GET /small HTTP/1.1\r\nHost: a\r\n\r\n`);
  const t1 = Date.now();
  while (!buf.includes('\r\n\r\n') && !closed) await new Promise((r) => setTimeout(r, 2));
  console.log('   incoming: flowing', last.readableFlowing, 'ended', last.readableEnded, 'buffered', last.readableLength, 'listeners', last.listenerCount('data'), 'socket paused?', last.socket?.isPaused?.(), 'bytesRead', last.socket?.bytesRead);
  console.log(label, '->', first, '| second:', buf.split('\r\n')[0] || '(none)', 'after', Date.now() - t1, 'ms', closed ? 'CLOSED' : '');
  sock.destroy();
  await new Promise((r) => setTimeout(r, 700));
}
for (const n of [2_000, 20_000, 60_000]) await trial('404 ' + n, '/nope', n);
for (const n of [66_000, 140_000]) await trial('413 ' + n, '/nope', n);
await trial('read 60000', '/read', 60_000);
server.close(); process.exit(0);
