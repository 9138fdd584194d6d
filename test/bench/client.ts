/** A Matrix client's side of the bench: the calls a sign-up makes, each timed from the client. */
import { randomBytes } from 'node:crypto';

export const REGISTER = '/_matrix/client/v3/register';

export interface Reply {
  status: number;
  body: any;
  ms: number;
}

export class BenchClient {
  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown): Promise<Reply> {
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* an HTML page (submit_token) */
    }
    return { status: res.status, body: parsed, ms };
  }

  post(path: string, body: unknown): Promise<Reply> {
    return this.call('POST', path, body);
  }

  get(path: string): Promise<Reply> {
    return this.call('GET', path);
  }
}

/** Fails a flow loudly: a bench that measures errors measures nothing. */
export function expectStatus(what: string, reply: Reply, status: number): Reply {
  if (reply.status !== status) {
    const detail = typeof reply.body === 'object' ? JSON.stringify(reply.body) : String(reply.body).slice(0, 200);
    throw new Error(`${what}: expected HTTP ${status}, got ${reply.status} ${detail}`);
  }
  return reply;
}

const RUN = randomBytes(3).toString('hex');
let counter = 0;

/** A localpart nobody has used in this run (nor, with the run prefix, in an earlier one on the same store). */
export function freshName(prefix = 'u'): string {
  return `${prefix}${RUN}n${counter++}`;
}

export const PASSWORD = 'correct horse battery staple';
