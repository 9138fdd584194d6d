/**
 * A decision hook receiver on loopback, for `npm start` and the tests: it checks each call's Standard
 * Webhooks signature with node:crypto alone (as a tenant's own endpoint would), keeps what it received,
 * and answers what `decide` says (by default: allow, and deny addresses of `blocked.example`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: Record<string, string | undefined>;
  body: string;
  /** Whether the signature matched the secret and the timestamp was within five minutes. */
  signatureValid: boolean;
}

export interface HookReply {
  status?: number;
  body?: unknown;
  /** Answer only after this long (to show a hook that times out). */
  delayMs?: number;
}

export interface DecisionHookReceiver {
  url: string;
  calls: ReceivedCall[];
  /** What the next calls are answered; receives the parsed body. */
  decide: (payload: any) => HookReply;
  close(): Promise<void>;
}

/** The example policy: addresses at blocked.example are refused, everyone else is let in. */
export const examplePolicy = (payload: any): HookReply => {
  const threepids: { address: string }[] = payload?.facts?.threepids ?? [];
  if (threepids.some((t) => t.address.endsWith('@blocked.example'))) {
    return { body: { decision: 'deny', message: 'Sign-ups with addresses at blocked.example are not accepted here.' } };
  }
  return { body: { decision: 'allow' } };
};

/** `secret`: `whsec_<base64>` as the front door is given it. */
export async function startDecisionHookReceiver(secret: string, port = 0): Promise<DecisionHookReceiver> {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const calls: ReceivedCall[] = [];
  const receiver = { calls, decide: examplePolicy } as DecisionHookReceiver;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = { id: one(req, 'webhook-id'), timestamp: one(req, 'webhook-timestamp'), signature: one(req, 'webhook-signature') };
    const signatureValid = verify(key, headers, body);
    calls.push({
      headers: { 'webhook-id': headers.id, 'webhook-timestamp': headers.timestamp, 'webhook-signature': headers.signature },
      body,
      signatureValid,
    });
    const reply = signatureValid ? receiver.decide(JSON.parse(body)) : { status: 401, body: { error: 'bad signature' } };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/decide`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

function verify(key: Buffer, h: { id?: string; timestamp?: string; signature?: string }, body: string): boolean {
  if (!h.id || !h.timestamp || !h.signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(h.timestamp)) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', key).update(`${h.id}.${h.timestamp}.${body}`).digest('base64'));
  return h.signature.split(' ').some((part) => {
    const given = Buffer.from(part.startsWith('v1,') ? part.slice(3) : '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const one = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
