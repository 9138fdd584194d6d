/**
 * A loopback HTTP proxy between the front door and a real Synapse that counts the calls passing through
 * and fails the Nth one: `drop` lets Synapse do the work and then cuts the connection before the answer,
 * `502` answers as a broken gateway without forwarding, `stall` lets Synapse do the work and holds the
 * answer until the caller gives up (its timeout).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = ['drop', '502', 'stall'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  url: string;
  /** "METHOD path" of each call since the last `reset`, in order. */
  calls: string[];
  /** Fails the `nth` call (1-based) after the last reset, once. */
  arm(fault: Fault, nth: number): void;
  reset(): void;
  /** What the armed fault hit, once it did. */
  hit?: string;
  close(): Promise<void>;
}

/** How long a stalled answer is held at most when the caller never gives up. */
const STALL_CAP_MS = 30_000;

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let armed: { fault: Fault; nth: number } | undefined;
  const state: FaultProxy = {
    url: '',
    calls: [],
    arm: (fault, nth) => {
      armed = { fault, nth };
      state.hit = undefined;
    },
    reset: () => {
      state.calls = [];
      armed = undefined;
      state.hit = undefined;
    },
    close: async () => undefined,
  };

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const what = `${req.method} ${req.url?.split('?')[0]}`;
    state.calls.push(what);
    const fault = armed && state.calls.length === armed.nth ? armed.fault : undefined;
    if (fault) {
      armed = undefined;
      state.hit = `${fault} on call ${state.calls.length}: ${what}`;
    }
    if (fault === '502') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    let answer: Awaited<ReturnType<typeof forward>>;
    try {
      answer = await forward(req, body);
    } catch {
      // Synapse itself is down (the restart test): answer as a proxy would.
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      const cap = setTimeout(() => req.socket.destroy(), STALL_CAP_MS);
      res.once('close', () => clearTimeout(cap));
      return;
    }
    const { 'transfer-encoding': _te, connection: _c, 'keep-alive': _ka, ...headers } = answer.headers;
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
