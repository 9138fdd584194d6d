/** A Matrix client's side of the bench: the calls a sign-up makes, each timed from the client. */
import { randomBytes } from 'node:crypto';
import { send } from '../support/client.js';

export { REGISTER } from '../support/constants.js';

export interface Reply {
  status: number;
  body: any;
  ms: number;
}

export class BenchClient {
  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown): Promise<Reply> {
    const started = performance.now();
    const answer = await send(this.baseUrl, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: answer.status, body: answer.body, ms: performance.now() - started };
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
