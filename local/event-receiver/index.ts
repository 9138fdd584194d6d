/**
 * A loopback receiver of sign-up events for `npm start` and the tests: it answers EventBridge's PutEvents
 * (the AWS JSON 1.1 protocol the SDK speaks: `POST /`, `X-Amz-Target: AWSEvents.PutEvents`) and is the
 * tenant's webhook (`POST /webhook`), checking the Standard Webhooks signature. It keeps every arrival
 * (so a test can count them), prints each when asked to, and can fail the next requests on purpose.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, webhookKey } from '../../functions/crypto/webhook-signature.js';

export interface ReceivedEvent {
  via: 'eventbridge' | 'webhook';
  /** The idempotency key: EventBridge `detail.id`, or the `webhook-id` header. */
  id: string;
  type: string;
  /** EventBridge: the entry's parsed `Detail`; webhook: the parsed body. */
  payload: Record<string, unknown>;
  /** EventBridge: the entry's bus and source. */
  bus?: string;
  source?: string;
  /** Webhook: whether the signature verified with the receiver's secret. */
  signatureValid?: boolean;
  at: number;
}

/** What the next `times` requests to one side meet: `internal` a 500, `down` a reset socket. */
export interface ReceiverFault {
  on: 'eventbridge' | 'webhook';
  kind: 'internal' | 'down';
  times?: number;
}

export interface EventReceiver {
  /** The EventBridge endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE). */
  url: string;
  webhookUrl: string;
  events(): ReceivedEvent[];
  clear(): void;
  injectFault(fault: ReceiverFault): void;
  stop(): Promise<void>;
}

const MAX_BODY = 512 * 1024;

export async function startEventReceiver(
  opts: { port?: number; webhookSecret?: string; print?: (line: string) => void } = {},
): Promise<EventReceiver> {
  const received: ReceivedEvent[] = [];
  const faults: ReceiverFault[] = [];
  const key = opts.webhookSecret ? webhookKey(opts.webhookSecret) : undefined;
  const keep = (event: ReceivedEvent) => {
    received.push(event);
    opts.print?.(`event ${event.type} ${subjectOf(event)} via ${event.via}${event.signatureValid === false ? ' (BAD SIGNATURE)' : ''}`);
  };
  const server = createServer((req, res) => {
    handle(req, res, { keep, faults, key }).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    webhookUrl: `${url}/webhook`,
    events: () => received.map((e) => ({ ...e })),
    clear: () => void received.splice(0),
    injectFault: ({ times = 1, ...fault }) => faults.push(...Array<ReceiverFault>(times).fill(fault)),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Handling {
  keep(event: ReceivedEvent): void;
  faults: ReceiverFault[];
  key?: Buffer;
}

async function handle(req: IncomingMessage, res: ServerResponse, h: Handling): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://receiver').pathname;
  const side = path === '/webhook' ? 'webhook' : 'eventbridge';
  if (req.method !== 'POST' || (path !== '/' && path !== '/webhook')) return send(res, 404, 'text/plain', 'not found\n');
  const body = await readBody(req);
  const index = h.faults.findIndex((f) => f.on === side);
  const fault = index >= 0 ? h.faults.splice(index, 1)[0] : undefined;
  if (fault?.kind === 'down') return void req.socket.destroy();
  if (side === 'webhook') {
    if (fault) return send(res, 500, 'text/plain', 'injected failure\n');
    return webhook(req, res, body, h);
  }
  if (fault)
    return send(res, 500, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'InternalException', message: 'injected failure' }));
  return putEvents(req, res, body, h);
}

function webhook(req: IncomingMessage, res: ServerResponse, body: string, h: Handling) {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const id = header('webhook-id') ?? '';
  const signatureValid = h.key
    ? verifyWebhook(h.key, { id, timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, body, Date.now() / 1000)
    : undefined;
  const payload = parse(body);
  h.keep({ via: 'webhook', id, type: String(payload.type ?? ''), payload, signatureValid, at: Date.now() });
  // A receiver that cannot verify answers 401, as Standard Webhooks receivers do.
  return signatureValid === false ? send(res, 401, 'text/plain', 'bad signature\n') : send(res, 204, 'text/plain', '');
}

function putEvents(req: IncomingMessage, res: ServerResponse, body: string, h: Handling) {
  const json = 'application/x-amz-json-1.1';
  if (req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
    return send(res, 400, json, JSON.stringify({ __type: 'UnknownOperationException', message: 'only PutEvents' }));
  }
  const entries = parse(body).Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
    return send(res, 400, json, JSON.stringify({ __type: 'ValidationException', message: 'Entries: 1 to 10 entries' }));
  }
  const answers = entries.map((entry: Record<string, unknown>) => {
    if (typeof entry.Detail !== 'string' || typeof entry.DetailType !== 'string' || typeof entry.Source !== 'string') {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail, DetailType and Source are required' };
    }
    const detail = parse(entry.Detail);
    h.keep({
      via: 'eventbridge',
      id: String(detail.id ?? ''),
      type: entry.DetailType,
      payload: detail,
      bus: typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default',
      source: entry.Source,
      at: Date.now(),
    });
    return { EventId: randomUUID() };
  });
  const failed = answers.filter((a: Record<string, unknown>) => 'ErrorCode' in a).length;
  return send(res, 200, json, JSON.stringify({ FailedEntryCount: failed, Entries: answers }));
}

/** Who an event is about, for its printed line: the account, else the name (a pending request), else its id. */
function subjectOf(event: ReceivedEvent): string {
  const facts = (event.via === 'webhook' ? event.payload.data : event.payload) as Record<string, unknown> | undefined;
  return String(facts?.userId ?? facts?.localpart ?? event.id);
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
