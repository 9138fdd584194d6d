/** A local SES: `aws-ses-v2-local` in this process, with its caught mails read back over `GET /store`. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** When SES accepted it, in epoch milliseconds (the package keeps whole seconds). */
  at: number;
}

export interface MailCatcher {
  /** The SES endpoint, e.g. `http://127.0.0.1:8005`; its web page at `/` shows the mails. */
  url: string;
  mails(): Promise<StoredMail[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

type StartServer = (config: { port: number; host: string }) => Promise<Server>;

/**
 * Starts the catcher on `port` (0, the default, lets the system choose). The package keeps its mails in
 * module state, so every catcher in one process shares one store: `clear()` empties all of them.
 */
export async function startMailCatcher(opts: { port?: number } = {}): Promise<MailCatcher> {
  const server = await (await loadServer())({ port: opts.port ?? 0, host: '127.0.0.1' });
  // The package resolves even when listen fails (express hands the error to its callback): check.
  if (!server.listening) {
    server.close();
    throw new Error(`mail catcher: cannot listen on 127.0.0.1:${opts.port ?? 0} (port in use?)`);
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    mails: () => readStore(url),
    async clear() {
      const response = await fetch(`${url}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`mail catcher: clear-store answered HTTP ${response.status}`);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // SDK clients keep their sockets alive; close would wait for them
      }),
  };
}

/** Node hands ESM the CommonJS `module.exports` as `default`; some loaders unwrap `__esModule` once more. */
async function loadServer(): Promise<StartServer> {
  const mod = (await import('aws-ses-v2-local')) as { default: StartServer | { default: StartServer } };
  return typeof mod.default === 'function' ? mod.default : mod.default.default;
}

interface StoreAnswer {
  emails: { from: string; destination: { to: string[] }; subject: string; body: { text?: string; html?: string }; at: number }[];
}

async function readStore(url: string): Promise<StoredMail[]> {
  const response = await fetch(`${url}/store`);
  if (!response.ok) throw new Error(`mail catcher: /store answered HTTP ${response.status}`);
  const { emails } = (await response.json()) as StoreAnswer;
  return emails.map((mail) => ({
    from: mail.from,
    to: mail.destination.to,
    subject: mail.subject,
    text: mail.body.text ?? '',
    html: mail.body.html ?? '',
    at: mail.at * 1000,
  }));
}
