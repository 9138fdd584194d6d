/** A loopback SNS that keeps every SMS Publish instead of sending it, with injectable faults and a web page. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderOutboxPage } from './outbox-page.js';
import { errorAnswer, parsePublish, publishAnswer, receiverError, senderError, type QueryAnswer } from './query-protocol.js';
import type { SmsMessage } from './sms-message.js';

export type { SmsMessage } from './sms-message.js';

/**
 * What the next `times` API requests (default 1) meet instead of a Publish: `throttled` is what SNS sends
 * (429 `Throttled`), `internal` a 500 `InternalError`, `rejected` a 400 `InvalidParameter`, `down` a reset socket.
 */
export interface SmsFault {
  kind: 'throttled' | 'internal' | 'down' | 'rejected';
  times?: number;
}

export interface SmsOutbox {
  /** The SNS endpoint; `GET /` is the page, `GET /messages` the JSON list. */
  url: string;
  messages(): SmsMessage[];
  clear(): void;
  injectFault(fault: SmsFault): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

/** Starts the outbox on 127.0.0.1:`port` (0, the default, lets the system choose). */
export async function startSmsOutbox(opts: { port?: number } = {}): Promise<SmsOutbox> {
  const sent: SmsMessage[] = [];
  const faults: SmsFault['kind'][] = [];
  const server = createServer((req, res) => {
    route(req, res, sent, faults).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages: () => sent.map((m) => ({ ...m, attributes: { ...m.attributes } })),
    clear: () => void sent.splice(0),
    injectFault: ({ kind, times = 1 }) => faults.push(...Array<SmsFault['kind']>(times).fill(kind)),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // SDK clients keep their sockets alive; close would wait for them
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, sent: SmsMessage[], faults: SmsFault['kind'][]) {
  const path = new URL(req.url ?? '/', 'http://outbox').pathname;
  if (req.method === 'GET' && path === '/') return reply(res, 200, 'text/html; charset=utf-8', renderOutboxPage(sent));
  if (req.method === 'GET' && path === '/messages') {
    return reply(res, 200, 'application/json', JSON.stringify(sent));
  }
  if (req.method !== 'POST' || path !== '/') return reply(res, 404, 'text/plain', 'not found\n');
  const form = await readForm(req);
  if (form === undefined) return sendQuery(res, errorAnswer(senderError('RequestEntityTooLarge', 'Request too large', 413)));
  const fault = faults.shift();
  if (fault === 'down') return void req.socket.destroy();
  if (fault) return sendQuery(res, errorAnswer(faultError(fault)));
  const publish = parsePublish(form);
  if ('code' in publish) return sendQuery(res, errorAnswer(publish));
  sent.push({ ...publish, at: Date.now() });
  return sendQuery(res, publishAnswer(randomUUID()));
}

function faultError(kind: Exclude<SmsFault['kind'], 'down'>) {
  if (kind === 'throttled') return senderError('Throttled', 'Rate exceeded', 429);
  if (kind === 'internal') return receiverError('InternalError', 'Internal failure (injected)');
  return senderError('InvalidParameter', 'Invalid parameter: PhoneNumber Reason: rejected (injected)');
}

/** The form body, or undefined when it is too large to be a Publish. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendQuery(res: ServerResponse, answer: QueryAnswer): void {
  res.setHeader('x-amzn-RequestId', answer.requestId); // where the SDK reads $metadata.requestId from
  reply(res, answer.status, 'text/xml', answer.xml);
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
