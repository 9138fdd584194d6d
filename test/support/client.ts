/**
 * The one test client: sends a request to the app in this process (`app.request`) or to a server's base
 * URL, and reads the answer, JSON when it parses (an HTML page or plain text stays a string).
 */
import type { Hono } from 'hono';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** The app in this process, or the base URL of a server (`http://127.0.0.1:8080`). */
export type Target = Pick<Hono, 'request'> | string;

export interface Call {
  /** Default: GET without a body, POST with one. */
  method?: string;
  /** A string is sent as it is, anything else as JSON. */
  body?: unknown;
  /** Default: `content-type: application/json` when there is a body, none otherwise. */
  headers?: Record<string, string>;
  /** The client IP, where the Lambda entries put it (`c.env.event.requestContext.http.sourceIp`); app targets only. */
  ip?: string;
  /** Laid over the request built from the fields above. */
  init?: RequestInit;
}

export async function send(target: Target, path: string, call: Call = {}): Promise<Answer> {
  const hasBody = call.body !== undefined;
  const init: RequestInit = {
    method: call.method ?? (hasBody ? 'POST' : 'GET'),
    headers: call.headers ?? (hasBody ? { 'content-type': 'application/json' } : {}),
    ...(hasBody ? { body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) } : {}),
    ...call.init,
  };
  if (typeof target === 'string') {
    if (call.ip !== undefined) throw new Error('send: a client IP can only be given to an app in this process');
    return readAnswer(await fetch(`${target}${path}`, init));
  }
  const env = call.ip === undefined ? undefined : { event: { requestContext: { http: { sourceIp: call.ip } } } };
  return readAnswer(await target.request(path, init, env));
}

export async function readAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON (an HTML page): the test says so */
  }
  return { status: res.status, body, headers: res.headers };
}
